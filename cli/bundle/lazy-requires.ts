/**
 * Bundle-time edits that defer a Node built-in an inlined package requires at its top but uses
 * only on a path `cannectors run` never takes. Each such built-in costs start-up time even unused:
 * `node:child_process` (with `dgram` and `net` behind it) and `node:http2` were about a tenth of
 * the CPU of a 10-record run before any record was read (`--cpu-prof`).
 *
 * Each edit replaces one exact line with a function that requires the module on first call, so
 * behaviour is unchanged. When a package update changes the line the build fails: the edit is
 * re-checked by hand, never silently skipped. Only the bundle is edited; the unbundled fallback
 * (CANNECTORS_UNBUNDLED=1) loads the packages as published.
 */
import { readFile } from "node:fs/promises";
import type { Plugin } from "esbuild-wasm";

interface LazyRequire {
  /** The package file, as its path ends. */
  file: string;
  /** The line as published. */
  line: string;
  /** The same binding, requiring the module only when called. */
  lazy: string;
}

export const LAZY_REQUIRES: readonly LazyRequire[] = [
  {
    // Used by `_executeSubCommand` alone (a `cannectors-x` executable), which Cannectors has none of.
    file: "node_modules/commander/lib/command.js",
    line: "const childProcess = require('node:child_process');",
    lazy: "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
  },
  {
    // client-h2 (and `node:http2`) is needed once a TLS connection negotiates h2: only with `allowH2`, which our agents do not set.
    file: "node_modules/undici/lib/dispatcher/client.js",
    line: "const connectH2 = require('./client-h2.js')",
    lazy: "const connectH2 = (client, socket) => require('./client-h2.js')(client, socket)",
  },
];

/** An edit that is not a lazy require: the same check (the line as published), its own reason. */
interface BundleEdit {
  file: string;
  line: string;
  edited: string;
}

/**
 * `agent.close()` at the end of every run destroys each client with a ClientDestroyedError made
 * for the occasion, and Node's stream `destroy(err)` reads `err.stack` (node:internal/streams/destroy,
 * checkError). Formatting that stack made V8 find the line ends of the 2.8 MB program script
 * (callgrind: 33 million instructions, 4% of a 10-record run) for an error nobody sees: after a
 * graceful close no request is left to fail with it. Made without frames, its stack is one line.
 */
export const BUNDLE_EDITS: readonly BundleEdit[] = [
  {
    file: "node_modules/undici/lib/dispatcher/dispatcher-base.js",
    line: "if (!err) {\n      err = new ClientDestroyedError()\n",
    edited:
      "if (!err) {\n      const limit = Error.stackTraceLimit; Error.stackTraceLimit = 0\n      try { err = new ClientDestroyedError() } finally { Error.stackTraceLimit = limit }\n",
  },
];

const ALL_EDITS = [...LAZY_REQUIRES.map((edit) => ({ ...edit, edited: edit.lazy })), ...BUNDLE_EDITS];

export const lazyRequires: Plugin = {
  name: "lazy-requires",
  setup(builder) {
    for (const edit of ALL_EDITS) {
      const filter = new RegExp(`${edit.file.replace(/[/.]/g, (c) => (c === "/" ? "[\\\\/]" : "\\."))}$`);
      builder.onLoad({ filter }, async (args) => {
        const contents = await readFile(args.path, "utf8");
        if (!contents.includes(edit.line)) {
          throw new Error(`${edit.file} no longer has \`${edit.line}\`: check cli/bundle/lazy-requires.ts`);
        }
        return { contents: contents.replace(edit.line, edit.edited), loader: "js" };
      });
    }
  },
};
