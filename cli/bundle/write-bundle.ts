/**
 * `npm run build`'s last step: the CLI's own modules bundled into a few files in dist/bundle/.
 *
 * Why: start-up is mostly module loading. `cannectors run` alone loads about 320 of our modules and
 * 95 of zod's; each costs a resolve, a stat, a read and a compile. Bundled (with splitting, so each
 * command's graph still loads only when that command runs) the same code is a handful of files.
 *
 * What stays as it was:
 * - Packages with native code, CommonJS internals or heavy optional use (better-sqlite3, undici,
 *   TypeScript, the database and broker clients...) are left external and load from node_modules.
 * - Every `import.meta.url` is rewritten to the URL the module has in the unbundled dist/, so paths
 *   found from it (package.json, the build runner, the types worker, createRequire) stay the same.
 *   A child process or worker started from such a path runs the unbundled file: another isolate.
 * - dist/cli/main.js takes the bundle only when it is newer than dist/cli/program.js (see main.ts):
 *   a later `tsc` alone never runs stale bundled code.
 * - `run` takes the same program as one script with its V8 code cache instead (program-script.ts),
 *   written last here: the script (write-script.ts), then one cache per NODE_OPTION_SETS entry.
 *
 * esbuild-wasm: esbuild's own bundler compiled to WebAssembly, so no install script (esbuild's
 * native package has one). Run with `node dist/cli/bundle/write-bundle.js` from the package root.
 */
import { spawnSync } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { build, type Plugin } from "esbuild-wasm";
import { lazyRequires } from "./lazy-requires.js";
import { moduleUrls } from "./module-urls.js";
import { NODE_OPTION_SETS } from "./v8-flags.js";
import { writeProgramScript } from "./write-script.js";

const root = process.cwd();
const dist = path.join(root, "dist");
const outdir = path.join(dist, "bundle");

/**
 * Pure-JavaScript packages worth inlining: loaded by most commands, many files each (zod: 95,
 * undici: about 90, yaml: about 70). CommonJS ones `require` Node's modules: the banner gives each
 * chunk a real `require` for that (esbuild's ESM output has none).
 */
const INLINED = new Set(["zod", "@marcbachmann/cel-js", "undici", "yaml", "commander", "picocolors"]);
const BANNER =
  'import { createRequire as __cannectorsRequire } from "node:module"; const require = __cannectorsRequire(import.meta.url);';

const packageName = (specifier: string): string => {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
};

const externalPackages: Plugin = {
  name: "external-packages",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      return INLINED.has(packageName(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};

// Chunks are named by hash: the last build's would pile up beside the new ones.
await rm(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { program: path.join(dist, "cli", "program.js") },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunk-[hash]",
  plugins: [externalPackages, lazyRequires, moduleUrls(outdir, "import.meta.url")],
  legalComments: "none",
  banner: { js: BANNER },
  logLevel: "warning",
  metafile: true,
});
const files = Object.keys(result.metafile.outputs).length;
const inputs = Object.keys(result.metafile.inputs).length;
process.stdout.write(`bundle: ${inputs} modules into ${files} files in ${path.relative(root, outdir)}/\n`);

// `run`'s start-up: the same program as one script, and its V8 code cache per way the CLI is started.
const script = path.join(outdir, "script", "program.js");
await writeProgramScript({
  entry: path.join(dist, "cli", "program.js"),
  outfile: script,
  plugins: [lazyRequires],
  external: externalPackages,
});
for (const options of NODE_OPTION_SETS) {
  const writer = path.join(dist, "cli", "bundle", "write-code-cache.js");
  const child = spawnSync(process.execPath, [...options, writer], { stdio: ["ignore", "ignore", "inherit"] });
  if (child.status !== 0) throw new Error(`code cache for [${options.join(" ")}]: exit ${child.status}`);
}
process.stdout.write(`bundle: ${path.relative(root, script)} and ${NODE_OPTION_SETS.length} code caches\n`);
