import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";
import { hasErrors } from "../diagnostics/index.js";
import { ErrorCodes } from "../errors/index.js";
import { type LoadedArtifact, type ValidationResult, validateArtifactFile } from "../validate/index.js";

export interface InvalidArtifact {
  file: string;
  diagnostics: Diagnostic[];
}

export interface LoadResult {
  /** By connector name. */
  artifacts: Map<string, LoadedArtifact>;
  invalid: InvalidArtifact[];
}

const ARTIFACT_FILE = /\.ya?ml$/i;

/**
 * Which files are connectors and how they become artifacts. The runtime knows YAML only; the CLI
 * adds TypeScript connectors (built in memory by the compiler, which the runtime never imports).
 */
export interface ArtifactLoader {
  /** Whether a file found in a folder is a connector. */
  matches(name: string): boolean;
  /** One entry per artifact, in the files' order (a file may hold several, or none when invalid). */
  load(
    files: readonly string[],
    env: Record<string, string | undefined>,
  ): Promise<Array<{ file: string; result: ValidationResult }>>;
}

export const YAML_ARTIFACTS: ArtifactLoader = {
  matches: (name) => ARTIFACT_FILE.test(name),
  load: async (files, env) => {
    const out = [];
    for (const file of files) out.push({ file, result: await validateArtifactFile(file, { env }) });
    return out;
  },
};

/** The artifact files behind the arguments: a directory contributes the files `matches` accepts, sorted. */
export async function artifactFiles(
  targets: readonly string[],
  matches: (name: string) => boolean = YAML_ARTIFACTS.matches,
): Promise<string[]> {
  const files: string[] = [];
  for (const target of targets) {
    const info = await stat(target).catch(() => undefined);
    if (info?.isDirectory()) {
      const names = (await readdir(target)).filter(matches).sort();
      files.push(...names.map((name) => path.join(target, name)));
    } else {
      files.push(target);
    }
  }
  return [...new Set(files.map((file) => path.resolve(file)))];
}

/**
 * Validates every artifact (secrets included, against `env`). An invalid one is set aside with its
 * diagnostics and the others still load; a second file with an already loaded connector name is
 * invalid too, because state and metrics are keyed by that name.
 */
export async function loadArtifacts(
  targets: readonly string[],
  env: Record<string, string | undefined>,
  loader: ArtifactLoader = YAML_ARTIFACTS,
): Promise<LoadResult> {
  const artifacts = new Map<string, LoadedArtifact>();
  const invalid: InvalidArtifact[] = [];
  for (const { file, result } of await loader.load(await artifactFiles(targets, loader.matches), env)) {
    if (hasErrors(result.diagnostics) || !result.artifact) {
      invalid.push({ file, diagnostics: result.diagnostics });
      continue;
    }
    const name = result.artifact.connector.metadata.name;
    const first = artifacts.get(name);
    if (first) {
      invalid.push({ file, diagnostics: [duplicateName(result.artifact, first.file)] });
      continue;
    }
    artifacts.set(name, result.artifact);
  }
  return { artifacts, invalid };
}

function duplicateName(artifact: LoadedArtifact, firstFile: string): Diagnostic {
  const namePath = ["metadata", "name"];
  return {
    code: ErrorCodes.CONFIG_INVALID,
    severity: "error",
    message: `connector ${artifact.connector.metadata.name} is already defined in ${firstFile}`,
    path: namePath.join("."),
    location: artifact.source.locate(namePath),
  };
}

export interface ArtifactChanges {
  added: LoadedArtifact[];
  changed: LoadedArtifact[];
  removed: string[];
  unchanged: string[];
}

/** What a reload must do: artifacts are compared by content hash, so touching a file changes nothing. */
export function diffArtifacts(
  current: ReadonlyMap<string, LoadedArtifact>,
  next: ReadonlyMap<string, LoadedArtifact>,
): ArtifactChanges {
  const changes: ArtifactChanges = { added: [], changed: [], removed: [], unchanged: [] };
  for (const [name, artifact] of next) {
    const before = current.get(name);
    if (!before) changes.added.push(artifact);
    else if (before.hash !== artifact.hash) changes.changed.push(artifact);
    else changes.unchanged.push(name);
  }
  for (const name of current.keys()) if (!next.has(name)) changes.removed.push(name);
  return changes;
}
