import { setFlagsFromString } from "node:v8";

/**
 * V8 flags the CLI sets just before the process compiles its first WebAssembly module (main.ts,
 * setRunFlagsAtFirstWasm): undici's llhttp, on the first connection. Not sooner: V8 stamps every
 * code cache with a hash of its flags and rejects one made under others, Node's own included. Set
 * at start, they made Node compile from source each of the ~100 built-in modules a run loads
 * (`node:crypto`, `node:http`, `node:net`...; callgrind: `require` of http, crypto and assert took
 * 108 million instructions, 145 million once a flag was set), and the program script's cache had to
 * be written under them. Set at the first wasm compile, the program script and the built-ins a run
 * loads take their caches (write-code-cache.ts writes the script's under the process's own flags).
 *
 * WebAssembly stays on Liftoff, V8's baseline compiler. undici parses HTTP with llhttp in wasm,
 * and V8 re-compiles its 34 KB parser function with TurboFan after a few requests: about 490
 * million instructions on a background thread (callgrind), a fifth of a 10-record run's CPU,
 * and still more than Liftoff's slower parsing costs over 4,000 POSTs (measured: less CPU in 3 of
 * 3 interleaved runs). Set before any wasm module is compiled, which is all V8 needs.
 */
export const RUN_V8_FLAGS = "--liftoff-only";

/**
 * The Node options the CLI is started with, each getting its own code cache. The bin's shebang
 * (cli/main.ts's first line) and a plain `node dist/cli/main.js` (the benches, the tests) are the
 * same set: no V8 flag. The shebang used to set `--max-semi-space-size=4`, and a V8 flag on the
 * command line costs Node's cache of its built-ins for the whole process (callgrind, 10-record run:
 * 831 million instructions with it, 604 million without), while every bench, the peer bench's
 * RSS included, measured the CLI without it. Someone who wants the smaller young generation sets
 * it through NODE_OPTIONS and pays that start-up.
 */
export const NODE_OPTION_SETS: readonly (readonly string[])[] = [[]];

type WasmEntry = "Module" | "compile" | "instantiate" | "compileStreaming" | "instantiateStreaming";
const WASM_ENTRIES: readonly WasmEntry[] = [
  "Module",
  "compile",
  "instantiate",
  "compileStreaming",
  "instantiateStreaming",
];

/**
 * Calls `beforeFirst` once, just before the first WebAssembly compile through any of the global
 * `WebAssembly` entry points, and puts them back as they were at that moment (nothing stays wrapped).
 */
export function onFirstWasmCompile(beforeFirst: () => void): void {
  // Node has the global; the project compiles without the DOM library that declares its type.
  const wasm = (globalThis as unknown as { WebAssembly: Record<WasmEntry, (...args: unknown[]) => unknown> })
    .WebAssembly;
  const originals = new Map(WASM_ENTRIES.filter((name) => typeof wasm[name] === "function").map((n) => [n, wasm[n]]));
  const first = () => {
    for (const [name, original] of originals) wasm[name] = original;
    beforeFirst();
  };
  for (const [name, original] of originals) {
    wasm[name] = new Proxy(original, {
      construct(target, args, newTarget) {
        first();
        return Reflect.construct(target, args, newTarget);
      },
      apply(target, self, args) {
        first();
        return Reflect.apply(target, self, args);
      },
    });
  }
}

/** main.ts: RUN_V8_FLAGS, set at the process's first WebAssembly compile. */
export function setRunFlagsAtFirstWasm(): void {
  onFirstWasmCompile(() => setFlagsFromString(RUN_V8_FLAGS));
}
