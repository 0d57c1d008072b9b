/**
 * Writes the V8 code cache of dist/bundle/script/program.js for the Node options it is started
 * with (write-bundle.ts starts it once per way the CLI is started). It runs what a short `run`
 * runs (cache-warm-up.ts): a real run of a small YAML connector against servers on 127.0.0.1.
 * V8's cache, taken after that, holds every function the run compiled (YAML parsing, validation,
 * expressions, the HTTP client), not only the module bodies: taken after `run --help` alone, a
 * 10-record run still compiled about as much again lazily. What no run here reaches compiles on
 * first call, as without a cache.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startWarmUp } from "./cache-warm-up.js";
import { cacheFileFor, loadProgramScript, SCRIPT_URL } from "./program-script.js";

// Under the V8 flags the CLI compiles the script with: the process's own, before main.ts sets
// RUN_V8_FLAGS (v8-flags.ts). V8 stamps the cache with a hash of its flags and rejects it under others.
const { program, script } = loadProgramScript((specifier) => import(specifier), { useCache: false });
const warmUp = await startWarmUp();
process.on("exit", () => {
  warmUp.cleanUp();
  writeFileSync(cacheFileFor(fileURLToPath(SCRIPT_URL)), script.createCachedData());
});
try {
  await program.runProgram("0.0.0", [process.execPath, "cannectors", ...warmUp.runArgs]);
} finally {
  await warmUp.close();
}
if (warmUp.received() === 0) throw new Error("code cache warm-up: the run delivered nothing");
