/**
 * The program as one classic script (dist/bundle/script/program.js) compiled with a V8 code cache
 * written at `npm run build`. Why: compiling the ~2 MB of JavaScript `cannectors run` loads was the
 * largest part of its start-up, and Node 20 caches compiled code for no ES module (its
 * `module.enableCompileCache` comes with Node 22). A `vm.Script` takes V8's cached data: V8 then
 * deserializes the compiled functions instead of parsing the source again.
 *
 * V8 accepts a cache only for the same V8 and the same V8 flags (`--max-semi-space-size` included):
 * the build writes one per way the CLI is started (cacheFileFor), and a cache V8 rejects costs a
 * plain compile, never a wrong result. The script is the bundle of the same modules as
 * dist/bundle/, built by cli/bundle/write-script.ts.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

export type ProgramExports = typeof import("../program.js");

/** What the script's wrapper function receives (write-script.ts writes its parameters). */
type ScriptWrapper = (
  require: NodeJS.Require,
  module: { exports: unknown },
  exports: unknown,
  scriptUrl: string,
  importModule: (specifier: string) => Promise<unknown>,
) => void;

export const SCRIPT_URL = new URL("../../bundle/script/program.js", import.meta.url);

/**
 * Node's own options that set no V8 flag: a run under `--cpu-prof` or `--import=...` takes the same
 * cache. Listing one here wrongly costs nothing but the cache: V8 checks its flags itself.
 */
const NODE_ONLY_OPTION =
  /^--(cpu-prof|heap-prof|import=|require=|inspect|env-file|enable-source-maps|trace-warnings|no-warnings)/;

/**
 * The cache for this process's Node options (none from the bin or `node dist/cli/main.js`; a V8
 * flag in NODE_OPTIONS gets no cache): V8's flags are part of what it checks.
 */
export function cacheFileFor(scriptFile: string, execArgv: readonly string[] = process.execArgv): string {
  const options = execArgv.filter((option) => !NODE_ONLY_OPTION.test(option));
  const key = createHash("sha256")
    .update(`${process.version}\0${options.join("\0")}`)
    .digest("hex")
    .slice(0, 16);
  return `${scriptFile}.${key}.cache`;
}

export interface LoadedScript {
  program: ProgramExports;
  script: vm.Script;
  /** Whether a cache was found and V8 took it. */
  cacheAccepted: boolean;
}

/**
 * Compiles and runs the script. `importModule` does the script's `import("package")`: a classic
 * script has no module loader of its own on Node 20 without an experimental flag.
 */
export function loadProgramScript(
  importModule: (specifier: string) => Promise<unknown>,
  options: { useCache?: boolean } = {},
): LoadedScript {
  const file = fileURLToPath(SCRIPT_URL);
  // The build writes the script in ASCII (write-script.ts, asciiOnly): read as Latin-1 it is the
  // same text, copied into a one-byte string without a UTF-8 decoder's pass over its 2.8 MB.
  const source = readFileSync(file, "latin1");
  const cachedData = options.useCache === false ? undefined : readCache(file);
  const script = new vm.Script(source, { filename: file, cachedData });
  const module = { exports: {} as ProgramExports };
  const wrapper = script.runInThisContext() as ScriptWrapper;
  wrapper(createRequire(file), module, module.exports, SCRIPT_URL.href, importModule);
  return { program: module.exports, script, cacheAccepted: cachedData !== undefined && !script.cachedDataRejected };
}

/** The build's cache for this script, only when written after it (a script rebuilt alone has none). */
function readCache(file: string): Buffer | undefined {
  const cache = cacheFileFor(file);
  try {
    if (statSync(cache).mtimeMs < statSync(file).mtimeMs) return undefined;
    return readFileSync(cache);
  } catch {
    return undefined;
  }
}
