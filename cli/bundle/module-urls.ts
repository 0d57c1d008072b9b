import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Plugin, transform } from "esbuild-wasm";

/** What each module's `import.meta.url` becomes (esbuild renames it apart per module). */
const MODULE_URL = "__cannectorsModuleUrl";

/**
 * Every `import.meta.url` of a dist/ module becomes the URL that module has in the unbundled
 * dist/, so paths found from it (package.json, the build runner, the types worker, createRequire)
 * stay the same in a bundle. `base` is the expression of the bundle file's own URL, and every
 * bundle file sits directly in `outdir`, so one relative URL is right from any of them.
 */
export function moduleUrls(outdir: string, base: string): Plugin {
  return {
    name: "unbundled-import-meta-url",
    setup(builder) {
      builder.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async (args) => {
        const contents = await readFile(args.path, "utf8");
        if (!contents.includes("import.meta.url")) return { contents, loader: "js" };
        // esbuild's own `define` replaces the expression in code only: a template that writes
        // `import.meta.url` into a generated file (generators/conformance/test-template.ts) keeps it.
        const { code } = await transform(contents, {
          define: { "import.meta.url": MODULE_URL },
          format: "esm",
          loader: "js",
        });
        const relative = path.relative(outdir, args.path).split(path.sep).join("/");
        const url = `new URL(${JSON.stringify(relative)}, ${base}).href`;
        return { contents: `const ${MODULE_URL} = ${url};\n${code}`, loader: "js" };
      });
    },
  };
}
