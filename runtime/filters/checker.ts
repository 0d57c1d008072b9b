import type { ErrorCode } from "../errors/index.js";
import type { PathSegment } from "../json/path.js";

/** A problem of one filter, from the artifact root (e.g. ["filters", 1, "fields", 0, "expr"]). */
export interface FilterProblem {
  code: ErrorCode;
  message: string;
  path: PathSegment[];
  /** Character index inside the expression, for expression problems when known. */
  offset?: number;
  severity?: "warning";
}

/** What a filter module's `check` reports through: every problem is collected, none thrown. */
export interface FilterChecker<F> {
  /** A CEL expression over `variables`. */
  expression(source: string, variables: readonly string[], path: PathSegment[]): void;
  /** An output target; its segments, or undefined when it is invalid (reported). */
  target(target: string, path: PathSegment[]): string[] | undefined;
  /** A nested list of filters (a condition's branch). */
  list(filters: readonly F[], path: PathSegment[]): void;
  problem(problem: FilterProblem): void;
}
