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

/**
 * The header of an output file: paths relative to the output's directory (never absolute, so the
 * bytes are the same on every machine); the repository's schema file when the output lives in it.
 */
export function headerFor(sourceFile: string, outputFile: string, root: string = packageRoot()): ArtifactHeader {
  const outDir = path.dirname(path.resolve(outputFile));
  const schemaFile = path.join(root, "schema", "cannectors.v1.json");
  const inside = !path.relative(root, outDir).startsWith("..") && !path.isAbsolute(path.relative(root, outDir));
  return {
    sourceFile: toPosix(path.relative(outDir, path.resolve(sourceFile))),
    schema: inside && existsSync(schemaFile) ? toPosix(path.relative(outDir, schemaFile)) : SCHEMA_ID,
  };
}
