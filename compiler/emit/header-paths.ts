import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SCHEMA_ID } from "../../runtime/artifact/index.js";
import type { ArtifactHeader } from "./emit-artifact.js";

/** This package's root: the nearest package.json named `cannectors` above this module (source or dist). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "cannectors"
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the cannectors package root");
    dir = parent;
  }
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join("/");
}

const SCHEMA_FILE = path.join("schema", "cannectors.v1.json");

function inside(dir: string, root: string): boolean {
  const relative = path.relative(root, dir);
  return !relative.startsWith("..") && !path.isAbsolute(relative);
}

/**
 * The schema an editor can load from the output's folder: this repository's own when the output
 * lives in it, else the copy in the nearest node_modules/cannectors above the output (a user's
 * project installs one); undefined when neither is there.
 */
function localSchema(outDir: string, root: string): string | undefined {
  const own = path.join(root, SCHEMA_FILE);
  if (inside(outDir, root) && existsSync(own)) return own;
  for (let dir = outDir; ; dir = path.dirname(dir)) {
    const installed = path.join(dir, "node_modules", "cannectors", SCHEMA_FILE);
    if (existsSync(installed)) return installed;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The header of an output file: paths relative to the output's directory (never absolute, so the
 * bytes are the same on every machine); a schema file that exists when there is one, else the
 * schema's id.
 */
export function headerFor(sourceFile: string, outputFile: string, root: string = packageRoot()): ArtifactHeader {
  const outDir = path.dirname(path.resolve(outputFile));
  const schemaFile = localSchema(outDir, root);
  return {
    sourceFile: toPosix(path.relative(outDir, path.resolve(sourceFile))),
    schema: schemaFile ? toPosix(path.relative(outDir, schemaFile)) : SCHEMA_ID,
  };
}
