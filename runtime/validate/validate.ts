import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type Connector, Connector as ConnectorSchema } from "../artifact/index.js";
import { migrateToCurrent } from "../artifact/migrations/index.js";
import { parseYamlSource, type YamlSource } from "../artifact/yaml-source.js";
import type { Diagnostic } from "../diagnostics/index.js";
import { formatPath, hasErrors, sortDiagnostics } from "../diagnostics/index.js";
import { ErrorCodes } from "../errors/index.js";
import { findSecretSyntaxErrors, resolvedUrlProblems, resolveSecrets, unusedInDryRun } from "../secrets/index.js";
import { contractDiagnostics } from "./contract.js";
import { salvagedDiagnostics } from "./salvage.js";
import { semanticDiagnostics } from "./semantic.js";
import { zodDiagnostics } from "./zod-diagnostics.js";

export interface LoadedArtifact {
  file: string;
  /** sha256 of the file's bytes: which exact artifact an execution ran. */
  hash: string;
  connector: Connector;
  source: YamlSource;
}

export interface ValidateOptions {
  /** The source's OpenAPI file: `record.<field>` in the filters is checked against it (as `input.contract` does). */
  sourceSpec?: string;
  /** The target's OpenAPI file when known beyond `output.contract`: it must have the operation the output calls. */
  targetSpec?: string;
  /**
   * When given, every `${env:NAME}` / `${secret:NAME}` must resolve in it (an empty value counts as
   * unresolved), and URL and path fields must still be a URL or a path once resolved.
   */
  env?: Record<string, string | undefined>;
  /** With `env`: only what a dry run uses must be set (the output's secrets may be missing). */
  dryRun?: boolean;
}

export interface ValidationResult {
  artifact?: LoadedArtifact;
  diagnostics: Diagnostic[];
}

/** Parses and checks an artifact completely; never touches the network or the state database. */
export function validateArtifact(text: string, file: string, options: ValidateOptions = {}): ValidationResult {
  const { source, diagnostics } = parseYamlSource(text, file);
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics) };
  const root = source.value;
  if (root === null || typeof root !== "object" || Array.isArray(root)) {
    return {
      diagnostics: [
        rootProblem(source, "an artifact is a YAML mapping with apiVersion, kind, metadata, input, output"),
      ],
    };
  }
  const migrated = migrateToCurrent(root as Record<string, unknown>);
  if (!migrated.ok) {
    return {
      diagnostics: [
        {
          code: ErrorCodes.API_VERSION,
          severity: "error",
          message: migrated.message,
          path: "apiVersion",
          location: source.locate(["apiVersion"]),
        },
      ],
    };
  }
  const found: Diagnostic[] = [];
  for (const problem of findSecretSyntaxErrors(migrated.document)) {
    found.push({
      code: ErrorCodes.SECRET_SYNTAX,
      severity: "error",
      message: problem.message,
      path: formatPath(problem.path),
      location: source.locate(problem.path),
    });
  }
  if (options.env) {
    found.push(...environmentDiagnostics(migrated.document, options.env, source, options.dryRun === true));
  }
  const parsed = ConnectorSchema.safeParse(migrated.document);
  if (!parsed.success) {
    found.push(...zodDiagnostics(parsed.error.issues, source));
    found.push(...salvagedDiagnostics(migrated.document, source));
    return { diagnostics: sortDiagnostics(found) };
  }
  found.push(...semanticDiagnostics(parsed.data, source));
  found.push(...contractDiagnostics(parsed.data, source, options.sourceSpec, options.targetSpec));
  const result: ValidationResult = { diagnostics: sortDiagnostics(found) };
  if (!hasErrors(found)) {
    result.artifact = { file, hash: createHash("sha256").update(text).digest("hex"), connector: parsed.data, source };
  }
  return result;
}

export async function validateArtifactFile(file: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : String(error);
    return {
      diagnostics: [
        {
          code: ErrorCodes.NOT_FOUND,
          severity: "error",
          message: reason,
          path: "",
          location: { file, line: 1, column: 1 },
        },
      ],
    };
  }
  return validateArtifact(text, file, options);
}

/** Unset variables, and URL or path fields that are no longer one once resolved: all at once. */
function environmentDiagnostics(
  document: unknown,
  env: Record<string, string | undefined>,
  source: YamlSource,
  dryRun: boolean,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const { missing } = resolveSecrets(document, env, dryRun ? { optional: unusedInDryRun } : {});
  for (const ref of missing) {
    found.push({
      code: ErrorCodes.SECRET_UNRESOLVED,
      severity: "error",
      message: `${ref.source === "secret" ? "secret " : ""}reference ${ref.raw} is not set in the environment`,
      path: formatPath(ref.path),
      location: source.locate(ref.path),
    });
  }
  for (const problem of resolvedUrlProblems(document, env)) {
    found.push({
      code: ErrorCodes.CONFIG_INVALID,
      severity: "error",
      message: problem.message,
      path: formatPath(problem.path),
      location: source.locate(problem.path),
    });
  }
  return found;
}

function rootProblem(source: YamlSource, message: string): Diagnostic {
  return { code: ErrorCodes.SCHEMA, severity: "error", message, path: "", location: source.locate([]) };
}
