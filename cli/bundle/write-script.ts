/**
 * The program as one classic script for cli/bundle/program-script.ts: the same modules and
 * plugins as the ES-module bundle, as CommonJS inside one function
 * `(require, module, exports, scriptUrl, importModule)`, in strict mode as ES modules are.
 *
 * - `import.meta.url` becomes each module's URL in the unbundled dist/ (as in the ES bundle).
 * - A dynamic `import("package")` of an external package becomes `importModule("package")`:
 *   main.ts's own `import()`, so packages load as ES modules exactly as from the ES bundle. The
 *   build counts them against esbuild's metafile and fails on any it could not rewrite.
 * - Static imports of external packages become `require`: the run path has only CommonJS ones
 *   (better-sqlite3, typescript...), and main.ts takes the script for `run` alone.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { build, type Plugin } from "esbuild-wasm";
import { moduleUrls } from "./module-urls.js";

const SCRIPT_URL = "__cannectorsScriptUrl";
const IMPORT = "__cannectorsImport";

/** `import("bare-package")` in esbuild's output, not a member `.import(` nor a JSDoc `import('...')`. */
const DYNAMIC_IMPORT = /(?<![\w$.])import\((?="[^"./][^"]*"\))/g;

export async function writeProgramScript(options: {
  entry: string;
  outfile: string;
  plugins: Plugin[];
  external: Plugin;
}): Promise<void> {
  const outdir = path.dirname(options.outfile);
  const result = await build({
    entryPoints: [options.entry],
    outfile: options.outfile,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    plugins: [options.external, ...options.plugins, moduleUrls(outdir, SCRIPT_URL)],
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
    write: false,
  });
  const output = result.outputFiles[0]!;
  const expected = new Set(
    Object.values(result.metafile.outputs)
      .flatMap((out) => out.imports)
      .filter((imported) => imported.kind === "dynamic-import" && imported.external)
      .map((imported) => imported.path),
  );
  const rewritten = new Set<string>();
  const body = output.text.replace(DYNAMIC_IMPORT, (call, offset: number, text: string) => {
    rewritten.add(/^"([^"]*)"/.exec(text.slice(offset + call.length))![1]!);
    return `${IMPORT}(`;
  });
  const missed = [...expected].filter((specifier) => !rewritten.has(specifier));
  if (missed.length > 0 || rewritten.size !== expected.size) {
    throw new Error(`program script: dynamic imports not rewritten: ${missed.join(", ") || [...rewritten].join(", ")}`);
  }
  const wrapper = `(function (require, module, exports, ${SCRIPT_URL}, ${IMPORT}) {"use strict";\n${asciiOnly(body)}\n})`;
  await mkdir(outdir, { recursive: true });
  await writeFile(options.outfile, wrapper);
}

/**
 * The script in ASCII: esbuild leaves a few non-ASCII characters (in comments it keeps and in
 * regular expression literals). One is enough for V8 to hold the whole 2.8 MB source as a
 * two-byte string, decoded from UTF-8 on every start and scanned twice as wide (callgrind: about
 * 60 million instructions of a 10-record run went to decoding it and finding its line ends).
 * `\uXXXX` means the same character in a string, a regular expression (a surrogate pair too) and
 * an identifier, and nothing in a comment. In a template it would change the raw text a tag
 * reads (`String.raw`): a line with a backtick fails the build unless it is a comment.
 */
const NON_ASCII = /[\u0080-\uffff]/;

export function asciiOnly(text: string): string {
  for (const line of text.split("\n")) {
    if (NON_ASCII.test(line) && line.includes("`") && !line.trimStart().startsWith("//")) {
      throw new Error(`program script: a non-ASCII character in a line with a template: ${line.trim().slice(0, 120)}`);
    }
  }
  return text.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
