#!/usr/bin/env -S node --max-semi-space-size=4 --
// The `--` ends Node's own options: Node 20 would otherwise read `--env-file` after the script as its own.
import { readFileSync, statSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

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

// Start-up time: `--version` answers before commander or any command module is imported (as
// commander would: the version and a newline on stdout, exit 0). Every other command goes through
// the program, which loads the named command's module graph only.
if (args[0] === "--version" || args[0] === "-V") process.stdout.write(`${pkg.version}\n`);
else {
  // WebAssembly stays on Liftoff, V8's baseline compiler. undici parses HTTP with llhttp in wasm,
  // and V8 re-compiles its 34 KB parser function with TurboFan after a few requests: about 490
  // million instructions on a background thread (callgrind), a fifth of a 10-record run's CPU,
  // and still more than Liftoff's slower parsing costs over 4,000 POSTs (measured: less CPU in 3 of
  // 3 interleaved runs). Set before any wasm module is compiled, which is all V8 needs.
  setFlagsFromString("--liftoff-only");
  const bundled = bundledProgram();
  // The unbundled import stays a literal, so module walks (command-table.test.ts) follow it.
  const { runProgram } = (
    bundled ? await import(bundled) : await import("./program.js")
  ) as typeof import("./program.js");
  await runProgram(pkg.version, process.argv);
}
