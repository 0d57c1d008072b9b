#!/usr/bin/env -S node --
// The `--` ends Node's own options: Node 20 would otherwise read `--env-file` after the script as its own.
import { readFileSync, statSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
const args = process.argv.slice(2);

/**
 * The program from dist/bundle/ (cli/bundle/write-bundle.ts) when `npm run build` wrote it after
 * this dist/ was compiled; else the unbundled modules. The bundle is the same code in fewer files:
 * module loading is most of start-up. A `tsc` run after the bundle makes it stale, and then it is
 * not taken. CANNECTORS_UNBUNDLED=1 always takes the unbundled modules (to debug with their lines).
 */
function bundledProgram(): string | undefined {
  const bundled = new URL("../bundle/program.js", import.meta.url);
  if (process.env.CANNECTORS_UNBUNDLED === "1") return undefined;
  try {
    const fresh = statSync(bundled).mtimeMs >= statSync(new URL("./program.js", import.meta.url)).mtimeMs;
    return fresh ? bundled.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `run` from the program script with its code cache (cli/bundle/program-script.ts) when the build
 * wrote one after this dist/ was compiled: about a quarter of a short run's CPU was compiling.
 * Other commands keep the ES-module bundle, whose external packages load as ES modules.
 */
function scriptedProgram(): boolean {
  if (process.env.CANNECTORS_UNBUNDLED === "1" || args.find((arg) => !arg.startsWith("-")) !== "run") return false;
  try {
    const script = statSync(new URL("../bundle/script/program.js", import.meta.url));
    return script.mtimeMs >= statSync(new URL("./program.js", import.meta.url)).mtimeMs;
  } catch {
    return false;
  }
}

// Start-up time: `--version` answers before commander or any command module is imported (as
// commander would: the version and a newline on stdout, exit 0). Every other command goes through
// the program, which loads the named command's module graph only.
if (args[0] === "--version" || args[0] === "-V") process.stdout.write(`${pkg.version}\n`);
else {
  // At the first WebAssembly compile, not before: cli/bundle/v8-flags.ts says why.
  (await import("./bundle/v8-flags.js")).setRunFlagsAtFirstWasm();
  let program: typeof import("./program.js");
  if (scriptedProgram()) {
    const { loadProgramScript } = await import("./bundle/program-script.js");
    program = loadProgramScript((specifier) => import(specifier)).program;
  } else {
    const bundled = bundledProgram();
    // The unbundled import stays a literal, so module walks (command-table.test.ts) follow it.
    program = (bundled ? await import(bundled) : await import("./program.js")) as typeof import("./program.js");
  }
  await program.runProgram(pkg.version, process.argv);
}
