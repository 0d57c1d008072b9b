import { formatPath } from "../diagnostics/index.js";
import { CannectorsError, ErrorCodes, describeError } from "../errors/index.js";
import type { PathSegment } from "../json/path.js";

/** Where a filter step lives: `filters[1].fields[2]` plus a label such as `map → full_name`. */
export interface ModuleRef {
  path: string;
  label: string;
}

export function moduleRef(path: readonly PathSegment[], label: string): ModuleRef {
  return { path: formatPath(path), label };
}

function describeModule(ref: ModuleRef): string {
  return `${ref.path} (${ref.label})`;
}

export function evaluationFailure(seq: number, ref: ModuleRef, cause: unknown): CannectorsError {
  const reason = cause instanceof CannectorsError ? cause.message : describeError(cause);
  // A record over its expression budget keeps that code: it says what to change (settings.limits.expression).
  const code =
    cause instanceof CannectorsError && cause.code === ErrorCodes.EXPRESSION_BUDGET
      ? cause.code
      : ErrorCodes.EVALUATION;
  return new CannectorsError(code, `record #${seq}: ${describeModule(ref)}: ${reason}`, {
    cause,
    details: { seq, module: ref.path },
  });
}

/** A filter that cannot be compiled (bad expression, bad target): a config error, not a record error. */
export function compileFailure(ref: ModuleRef, cause: unknown): CannectorsError {
  const code = cause instanceof CannectorsError ? cause.code : ErrorCodes.CONFIG_INVALID;
  const reason = cause instanceof CannectorsError ? cause.message : describeError(cause);
  return new CannectorsError(code, `${describeModule(ref)}: ${reason}`, {
    cause,
    details: { module: ref.path },
  });
}
