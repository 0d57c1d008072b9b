/**
 * Artifacts behind connector files of either kind, for the commands that take both (`run`,
 * `validate`, `serve`, `docs`): a YAML file goes through the runtime's validator; a TypeScript
 * file is type-checked and built in memory exactly as `cannectors build` would write it, then
 * validated the same way. Problems found in a built YAML point at the literal their value came
 * from, else at the connector's export, since that YAML never exists on disk.
 */
import path from "node:path";
import { hasErrors } from "../../runtime/diagnostics/index.js";
import {
  type LoadedArtifact,
  type ValidateOptions,
  type ValidationResult,
  validateArtifact,
  validateArtifactFile,
} from "../../runtime/validate/index.js";
import { type BuiltArtifact, buildConnectors } from "./build-connectors.js";
import { parsePath } from "./literal-location.js";
import { TS_CONNECTOR } from "./ts-file.js";
import { typeCheck } from "./type-check.js";

export interface ConnectorFileArtifact {
  /** The file as given. */
  file: string;
  result: ValidationResult;
}

export interface ConnectorArtifactOptions extends ValidateOptions {
  /** Type-check TypeScript files as `tsc` would before building them (default true). */
  typecheck?: boolean;
  cwd?: string;
  /** Limit on loading the connector files (default the loader's 60 s); the pairs sweep gives its step limit. */
  loadTimeoutMs?: number;
}

/** The built YAML's problems and positions, moved to the source that produced them. */
function inSource(result: ValidationResult, file: string, built: BuiltArtifact): ValidationResult {
  const diagnostics = result.diagnostics.map((d) => ({ ...d, location: built.locate(parsePath(d.path)) }));
  if (!result.artifact) return { diagnostics };
  const artifact: LoadedArtifact = {
    ...result.artifact,
    file,
    source: { ...result.artifact.source, file, locate: built.locate },
  };
  return { artifact, diagnostics };
}

async function builtArtifacts(
  files: readonly string[],
  options: ConnectorArtifactOptions,
): Promise<ConnectorFileArtifact[]> {
  const cwd = options.cwd ?? process.cwd();
  // The build runs in a child process: the type check uses the other core meanwhile.
  // As if built beside the (first) source: the header, and so the artifact's hash, do not depend on cwd.
  const outDir = path.dirname(path.resolve(cwd, files[0] ?? "."));
  const limit = options.loadTimeoutMs === undefined ? {} : { timeoutMs: options.loadTimeoutMs };
  const building = buildConnectors(files, { outDir, mode: "dry", cwd, ...limit });
  const typeErrors = options.typecheck === false ? [] : typeCheck(files, cwd);
  const built = await building;
  const problems = [...typeErrors, ...built.diagnostics];
  const shown = (file: string) => path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join("/");
  const given = new Set(files.map(shown));
  // A problem in an imported file (types/, a shared module) concerns every file given.
  const shared = problems.filter((d) => d.location === undefined || !given.has(d.location.file));
  const out: ConnectorFileArtifact[] = [];
  for (const file of files) {
    const absolute = path.resolve(cwd, file);
    const own = [...problems.filter((d) => d.location?.file === shown(file)), ...shared];
    const artifacts = built.artifacts.filter((a) => a.sourceFile === absolute);
    if (hasErrors(own) || artifacts.length === 0) {
      out.push({ file, result: { diagnostics: own } });
      continue;
    }
    for (const built of artifacts) {
      const result = inSource(validateArtifact(built.yaml, file, options), file, built);
      out.push({ file, result: { ...result, diagnostics: [...own, ...result.diagnostics] } });
    }
  }
  return out;
}

/** One entry per artifact, in the files' order: a TypeScript file gives one per exported connector. */
export async function connectorArtifacts(
  files: readonly string[],
  options: ConnectorArtifactOptions = {},
): Promise<ConnectorFileArtifact[]> {
  const typescript = files.filter((file) => TS_CONNECTOR.test(file));
  const built = typescript.length > 0 ? await builtArtifacts(typescript, options) : [];
  const out: ConnectorFileArtifact[] = [];
  for (const file of files) {
    if (TS_CONNECTOR.test(file)) out.push(...built.filter((b) => b.file === file));
    else out.push({ file, result: await validateArtifactFile(file, options) });
  }
  return out;
}
