import type { ConnectorFileArtifact } from "../compiler/build/connector-artifacts.js";
import type { Diagnostic } from "../runtime/diagnostics/index.js";
import { TS_CONNECTOR } from "../compiler/build/ts-file.js";
import { type ValidateOptions, validateArtifactFile } from "../runtime/validate/index.js";

export type { ConnectorFileArtifact };

/**
 * The artifacts behind YAML and TypeScript connector files (a `.ts` file is type-checked and built
 * in memory). The compiler, and TypeScript with it, is loaded only when a `.ts` file is given.
 */
export async function loadConnectorFiles(
  files: readonly string[],
  options: ValidateOptions = {},
): Promise<ConnectorFileArtifact[]> {
  if (files.some((file) => TS_CONNECTOR.test(file))) {
    const { connectorArtifacts } = await import("../compiler/build/connector-artifacts.js");
    return connectorArtifacts(files, options);
  }
  const out: ConnectorFileArtifact[] = [];
  for (const file of files) out.push({ file, result: await validateArtifactFile(file, options) });
  return out;
}

/** Every diagnostic of the entries, each once (a file's build problems come with each of its connectors). */
export function allDiagnostics(entries: readonly ConnectorFileArtifact[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const { result } of entries) {
    for (const d of result.diagnostics) {
      const key = JSON.stringify(d);
      if (!seen.has(key)) out.push(d);
      seen.add(key);
    }
  }
  return out;
}
