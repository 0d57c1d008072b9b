import { Command } from "commander";
import { describeError, isCannectorsError } from "../runtime/errors/index.js";
import { commandToLoad, registerCommands } from "./command-table.js";
import { EXIT_CODES_HELP, failureExitCode } from "./terminal.js";

/** The commander program with the command `argv` names (every command for `--help`), run to its end. */
export async function runProgram(version: string, argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name("cannectors")
    .description("Typed API connectors: validate, run and inspect canonical connector artifacts")
    .version(version)
    .showHelpAfterError()
    .addHelpText("after", EXIT_CODES_HELP)
    // Usage errors exit 2, like invalid configs; 1 stays reserved for runs that failed.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

  // Start-up time: `cannectors run` loads run's module graph only, not the compiler, generators or server.
  await registerCommands(program, commandToLoad(argv.slice(2)));

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    // Our errors are for users: one line and their exit code. Anything else is a bug: keep its stack.
    if (!isCannectorsError(error)) throw error;
    process.stderr.write(`cannectors: ${describeError(error)}\n`);
    process.exitCode = failureExitCode(error);
  }
}
