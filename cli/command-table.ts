import type { Command } from "commander";

type Register = (program: Command) => void;

/**
 * Each command's module, imported only when needed: a command pulls in its whole graph (the
 * compiler, generators, an HTTP server...), and `cannectors run` should pay for run's alone.
 * Listed in the order `--help` shows them.
 */
export const COMMAND_MODULES: Readonly<Record<string, () => Promise<Register>>> = {
  init: async () => (await import("./commands/init.js")).registerInitCommand,
  validate: async () => (await import("./commands/validate.js")).registerValidateCommand,
  run: async () => (await import("./commands/run.js")).registerRunCommand,
  schema: async () => (await import("./commands/schema.js")).registerSchemaCommand,
  executions: async () => {
    // state-path reaches the SQLite driver: imported with the command, not with the table.
    const [{ registerExecutionsCommand }, { resolveStatePath }] = await Promise.all([
      import("./commands/executions.js"),
      import("./state-path.js"),
    ]);
    return (program) => registerExecutionsCommand(program, resolveStatePath);
  },
  cursor: async () => (await import("./commands/cursor.js")).registerCursorCommand,
  replay: async () => (await import("./commands/replay.js")).registerReplayCommand,
  test: async () => (await import("./commands/test.js")).registerTestCommand,
  plan: async () => (await import("./commands/plan.js")).registerPlanCommand,
  mcp: async () => (await import("./commands/mcp.js")).registerMcpCommand,
  build: async () => (await import("./commands/build.js")).registerBuildCommand,
  check: async () => (await import("./commands/check.js")).registerCheckCommand,
  import: async () => (await import("./commands/import.js")).registerImportCommand,
  types: async () => (await import("./commands/types.js")).registerTypesCommand,
  review: async () => (await import("./commands/review.js")).registerReviewCommand,
  generate: async () => (await import("./commands/generate.js")).registerGenerateCommand,
  serve: async () => (await import("./commands/serve.js")).registerServeCommand,
  docs: async () => (await import("./commands/docs.js")).registerDocsCommand,
  "demo-apis": async () => (await import("./commands/demo-apis.js")).registerDemoApisCommand,
};

/**
 * The command named by the first non-option argument; `null` when no command is needed at all
 * (`--version`); undefined when every command must be registered: bare `--help`, `help <cmd>`, an
 * unknown name (so commander can suggest one).
 */
export function commandToLoad(args: readonly string[]): string | null | undefined {
  if (args[0] === "--version" || args[0] === "-V") return null;
  const first = args.find((arg) => !arg.startsWith("-"));
  return first !== undefined && Object.hasOwn(COMMAND_MODULES, first) ? first : undefined;
}

export async function registerCommands(program: Command, only: string | null | undefined): Promise<void> {
  if (only === null) return;
  const names = only === undefined ? Object.keys(COMMAND_MODULES) : [only];
  const registers = await Promise.all(names.map((name) => COMMAND_MODULES[name]?.()));
  for (const register of registers) register?.(program);
}
