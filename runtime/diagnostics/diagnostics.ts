/**
 * Diagnostics are data, collected and reported together, never thrown one at a time:
 * a user fixing a config wants every problem in one pass.
 */
import type { ErrorCode } from "../errors/errors.js";

/** A stable error code, or a TypeScript compiler code (`TS2322`) passed through from `check`/`build`. */
export type DiagnosticCode = ErrorCode | `TS${number}`;

export type Severity = "error" | "warning";

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic {
  /** One of the stable error codes: a tool branches on it, never on the message. */
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** Path inside the artifact, e.g. `filters[1].fields[0].expr`. Empty for the whole document. */
  path: string;
  location?: SourceLocation;
}

export type PathSegment = string | number;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** `file:line:col path CODE message`, the one shape every command prints. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.location
    ? `${diagnostic.location.file}:${diagnostic.location.line}:${diagnostic.location.column}`
    : "<unknown>";
  const path = diagnostic.path === "" ? "(root)" : diagnostic.path;
  const tag = diagnostic.severity === "warning" ? `${diagnostic.code} (warning)` : diagnostic.code;
  return `${where} ${path} ${tag} ${diagnostic.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Stable order: by position in the file, then by path, so output is diffable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      a.path.localeCompare(b.path) ||
      a.code.localeCompare(b.code),
  );
}
