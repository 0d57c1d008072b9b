/**
 * Writes the V8 code cache of dist/bundle/script/program.js for the Node options it is started
 * with (write-bundle.ts starts it once per way the CLI is started). It loads `run`'s modules as a
 * run does, through `run --help` (which prints help and exits), so the cache holds the code that
 * start-up compiles; anything else compiles on first call, as without a cache.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { cacheFileFor, loadProgramScript, SCRIPT_URL } from "./program-script.js";
import { RUN_V8_FLAGS } from "./v8-flags.js";

setFlagsFromString(RUN_V8_FLAGS);
const { program, script } = loadProgramScript((specifier) => import(specifier), { useCache: false });
process.on("exit", () => {
  writeFileSync(cacheFileFor(fileURLToPath(SCRIPT_URL)), script.createCachedData());
});
await program.runProgram("0.0.0", [process.execPath, "cannectors", "run", "--help"]);
