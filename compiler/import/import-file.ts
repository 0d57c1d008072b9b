import { readFileSync } from "node:fs";
import path from "node:path";
import { hasErrors } from "../../runtime/diagnostics/index.js";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import { isCannectorsError } from "../../runtime/errors/index.js";
import { validateArtifact } from "../../runtime/validate/index.js";
import type { ConnectorInput } from "../lower/contract.js";
import { importArtifact } from "./import-artifact.js";

/** Validates the YAML first (an invalid artifact gives its diagnostics, no code) and imports the document as written. */
export function importArtifactFile(yamlFile: string, outFile: string): { source?: string; diagnostics: Diagnostic[] } {
  const text = readFileSync(yamlFile, "utf8");
  const result = validateArtifact(text, yamlFile);
  if (hasErrors(result.diagnostics) || !result.artifact) return { diagnostics: result.diagnostics };
  const label = path
    .relative(path.dirname(path.resolve(outFile)), path.resolve(yamlFile))
    .split(path.sep)
    .join("/");
  // The document as written, not zod's output: defaults the author left out stay out.
  // Validated above, so the document as written is the schema's input.
  const written = result.artifact.source.value as ConnectorInput;
  try {
    return { source: importArtifact(written, { sourceLabel: label }), diagnostics: result.diagnostics };
  } catch (error) {
    if (!isCannectorsError(error)) throw error;
    const location = { file: yamlFile, line: 1, column: 1 };
    return { diagnostics: [{ code: error.code, severity: "error", message: error.message, path: "", location }] };
  }
}
