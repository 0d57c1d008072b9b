import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, whether this file runs from bench/ (vitest) or dist/bench/ (node). */
export const ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    if (path.dirname(dir) === dir) throw new Error("bench/throughput: no package.json above this file");
    dir = path.dirname(dir);
  }
  return dir;
})();

export const CLI = path.join(ROOT, "dist/cli/main.js");

/** A bench script as built JavaScript: children always run the compiled files. */
export function built(name: string): string {
  const file = path.join(ROOT, "dist/bench/throughput", `${name}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}
