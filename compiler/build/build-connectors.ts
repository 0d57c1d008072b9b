/**
 * `build` without the CLI: load → lower → emit canonical YAML → validate it with the runtime →
 * compare with or write the output files. Nothing is written when any connector has an error.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Diagnostic, PathSegment, SourceLocation } from "../../runtime/diagnostics/index.js";
import { hasErrors, sortDiagnostics } from "../../runtime/diagnostics/index.js";
import { ErrorCodes } from "../../runtime/errors/index.js";
import { validateArtifact } from "../../runtime/validate/index.js";
import { emitArtifact, headerFor } from "../emit/index.js";
import { literalLocator, parsePath } from "./literal-location.js";
import { loadConnectors, type LoadOptions } from "./load-connectors.js";
import type { ConnectorInput } from "../lower/contract.js";
import type { LoweredConnector } from "./protocol.js";

export interface BuildOptions extends LoadOptions {
  outDir: string;
  /** `write`: write the files; `check`: compare with what is there; `dry`: neither (cannectors check). */
  mode: "write" | "check" | "dry";
}

export interface BuiltArtifact {
  sourceFile: string;
  exportName: string;
  name: string;
  outputFile: string;
  yaml: string;
  /** Where the connector's export stands in the source: where problems found in the YAML point... */
  location: SourceLocation;
  /** ...unless the value at an artifact path came from one literal in the source: then there. */
  locate: (segments: readonly PathSegment[]) => SourceLocation;
  /** Set in `check` mode when the file on disk differs. */
  status?: "fresh" | "stale" | "missing";
}

export interface BuildResult {
  artifacts: BuiltArtifact[];
  diagnostics: Diagnostic[];
  /** True when files were written (write mode, no errors). */
  wrote: boolean;
}

/**
 * Problems found in the YAML point at the literal in the source their value came from, else at
 * the connector's export: the YAML may never exist on disk.
 */
type Lowered = LoweredConnector & { artifact: ConnectorInput };

function sourceLocator(sourceFile: string, connector: Lowered) {
  const { file } = connector.location;
  const literal = literalLocator(readFileSync(sourceFile, "utf8"), sourceFile, file, connector.artifact);
  return (segments: readonly PathSegment[]) => literal(segments) ?? connector.location;
}

function emitOne(sourceFile: string, connector: Lowered, outDir: string) {
  // A plain JavaScript connector file may set anything here; validation below reports it.
  const written: unknown = connector.artifact.metadata?.name;
  const name = typeof written === "string" ? written : "";
  const outputFile = path.join(outDir, `${name}.yaml`);
  const yaml = emitArtifact(connector.artifact, headerFor(sourceFile, outputFile));
  const locate = sourceLocator(sourceFile, connector);
  const found = validateArtifact(yaml, outputFile).diagnostics;
  const diagnostics = found.map((d) => ({ ...d, location: locate(parsePath(d.path)) }));
  return { name, outputFile, yaml, locate, diagnostics };
}

export async function buildConnectors(files: readonly string[], options: BuildOptions): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = path.resolve(cwd, options.outDir);
  const loaded = await loadConnectors(files, options);
  const diagnostics: Diagnostic[] = [];
  const artifacts: BuiltArtifact[] = [];
  const owners = new Map<string, string>();
  for (const file of loaded) {
    diagnostics.push(...file.diagnostics);
    for (const connector of file.connectors) {
      diagnostics.push(...connector.diagnostics);
      const { artifact } = connector;
      if (hasErrors(connector.diagnostics) || artifact === undefined) continue;
      const emitted = emitOne(file.file, { ...connector, artifact }, outDir);
      diagnostics.push(...emitted.diagnostics);
      if (hasErrors(emitted.diagnostics)) continue;
      const owner = `${connector.location.file} export ${connector.exportName}`;
      const previous = owners.get(emitted.name);
      if (previous !== undefined) {
        diagnostics.push({
          code: ErrorCodes.CONFIG_INVALID,
          severity: "error",
          message: `connector name ${emitted.name} is already used by ${previous}: both would write ${emitted.name}.yaml`,
          path: "metadata.name",
          location: emitted.locate(["metadata", "name"]),
        });
        continue;
      }
      owners.set(emitted.name, owner);
      const { name, outputFile, yaml, locate } = emitted;
      artifacts.push({
        sourceFile: file.file,
        exportName: connector.exportName,
        name,
        outputFile,
        yaml,
        location: connector.location,
        locate,
      });
    }
  }
  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted) || options.mode === "dry") return { artifacts, diagnostics: sorted, wrote: false };
  if (options.mode === "check") {
    for (const artifact of artifacts) {
      const current = existsSync(artifact.outputFile) ? readFileSync(artifact.outputFile, "utf8") : undefined;
      artifact.status = current === undefined ? "missing" : current === artifact.yaml ? "fresh" : "stale";
    }
    return { artifacts, diagnostics: sorted, wrote: false };
  }
  mkdirSync(outDir, { recursive: true });
  for (const artifact of artifacts) writeFileSync(artifact.outputFile, artifact.yaml);
  return { artifacts, diagnostics: sorted, wrote: true };
}
