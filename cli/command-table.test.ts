import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { ROOT } from "../test/support/cli.js";
import { COMMAND_MODULES, commandToLoad, registerCommands } from "./command-table.js";

/** Static imports, literal dynamic imports and `require(...)` calls (createRequire) of compiled ESM. */
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|(?:import|require|\))\(\s*["']([^"']+)["']\s*\)/g;

/** Every package a compiled module can reach, following relative imports, dynamic ones included. */
function packagesReachedFrom(entry: string, notFollowed: readonly string[] = []): Set<string> {
  const seen = new Set<string>(notFollowed);
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? "";
      if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier));
      else if (!specifier.startsWith("node:")) {
        packages.add(
          specifier
            .split("/")
            .slice(0, specifier.startsWith("@") ? 2 : 1)
            .join("/"),
        );
      }
    }
  };
  visit(entry);
  return packages;
}

const HEAVY = ["ts-morph", "typescript", "openapi-typescript", "playwright-core", "@clack/prompts", "jsonata"];

describe("what `cannectors run` loads", () => {
  const runModule = path.join(ROOT, "dist/cli/commands/run.js");

  it.each(HEAVY)("run's module graph never reaches %s", (heavy) => {
    if (!existsSync(runModule)) throw new Error(`${runModule} is missing: run \`npm run build\` first`);
    // The compiler is imported only when the file to run is a TypeScript connector (cli/connector-files.ts).
    const reached = packagesReachedFrom(runModule, [path.join(ROOT, "dist/compiler/build/connector-artifacts.js")]);
    expect(reached.has("better-sqlite3")).toBe(true); // the walk does follow the graph
    expect(reached.has("undici")).toBe(true); // and sees createRequire calls
    expect(reached.has(heavy)).toBe(false);
  });

  it("main.js imports no command module statically", () => {
    const reached = packagesReachedFrom(path.join(ROOT, "dist/cli/main.js"));
    // Through the table's dynamic imports it does reach them all; the point is that they are dynamic.
    const source = readFileSync(path.join(ROOT, "dist/cli/main.js"), "utf8");
    expect(source).not.toMatch(/from\s+["']\.\/commands\//);
    expect(reached.has("commander")).toBe(true);
  });
});

describe("commandToLoad", () => {
  it.each([
    { args: ["run", "a.yaml", "--json"], expected: "run" },
    { args: ["executions", "--state", "s.db", "list"], expected: "executions" },
    { args: ["--help"], expected: undefined },
    { args: [], expected: undefined },
    { args: ["help", "run"], expected: undefined },
    { args: ["bogus"], expected: undefined },
    { args: ["toString"], expected: undefined },
    // --version needs no command at all: importing them all cost seconds on a loaded machine.
    { args: ["--version"], expected: null },
    { args: ["-V"], expected: null },
  ])("$args → $expected", ({ args, expected }) => {
    expect(commandToLoad(args)).toBe(expected);
  });
});

describe("registerCommands", () => {
  it("registers every command, in table order, when none is named", async () => {
    const program = new Command();
    await registerCommands(program, undefined);
    expect(program.commands.map((command) => command.name())).toEqual(Object.keys(COMMAND_MODULES));
    for (const command of program.commands) expect(command.description()).not.toBe("");
  });

  it("registers only the named command", async () => {
    const program = new Command();
    await registerCommands(program, "run");
    expect(program.commands.map((command) => command.name())).toEqual(["run"]);
  });
});
