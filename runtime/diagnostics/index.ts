export { formatDiagnostic, formatPath, hasErrors, sortDiagnostics } from "./diagnostics.js";
export type { Diagnostic, PathSegment, Severity, SourceLocation } from "./diagnostics.js";
