/**
 * V8 flags the CLI sets at start (main.ts), before any program code is compiled. The code cache is
 * written under the same flags (write-code-cache.ts): V8 rejects a cache made under other flags.
 *
 * WebAssembly stays on Liftoff, V8's baseline compiler. undici parses HTTP with llhttp in wasm,
 * and V8 re-compiles its 34 KB parser function with TurboFan after a few requests: about 490
 * million instructions on a background thread (callgrind), a fifth of a 10-record run's CPU,
 * and still more than Liftoff's slower parsing costs over 4,000 POSTs (measured: less CPU in 3 of
 * 3 interleaved runs). Set before any wasm module is compiled, which is all V8 needs.
 */
export const RUN_V8_FLAGS = "--liftoff-only";

/**
 * The Node options the CLI is started with, each getting its own code cache: the bin's shebang
 * (cli/main.ts's first line) and a plain `node dist/cli/main.js` (the benches, the tests).
 */
export const NODE_OPTION_SETS: readonly (readonly string[])[] = [["--max-semi-space-size=4"], []];
