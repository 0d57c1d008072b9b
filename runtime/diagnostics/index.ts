export { formatDiagnostic, formatPath, hasErrors, sortDiagnostics } from "./diagnostics.js";
export type { Diagnostic, DiagnosticCode, PathSegment, Severity, SourceLocation } from "./diagnostics.js";
