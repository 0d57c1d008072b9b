import type { Filter, MapField } from "../artifact/index.js";
import { type ErrorCode, ErrorCodes } from "../errors/index.js";
import { checkExpression } from "../expr/index.js";
import type { PathSegment } from "../json/path.js";
import { collidingTarget, targetSegments } from "../modules/filter-map/targets.js";

export interface FilterProblem {
  code: ErrorCode;
  message: string;
  /** From the artifact root, e.g. ["filters", 1, "fields", 0, "expr"]. */
  path: PathSegment[];
  /** Character index inside the expression, for expression problems when known. */
  offset?: number;
  severity?: "warning";
}

/**
 * Every problem at once: bad expressions, invalid targets, colliding targets. An undefined step
 * (one the schema refused, reported there) is skipped, the others keep their index.
 */
export function checkFilters(filters: readonly (Filter | undefined)[]): FilterProblem[] {
  const problems: FilterProblem[] = [];
  checkList(filters, ["filters"], problems);
  return problems;
}

function checkList(filters: readonly (Filter | undefined)[], path: PathSegment[], problems: FilterProblem[]): void {
  filters.forEach((filter, index) => {
    if (filter === undefined) return;
    const at = [...path, index];
    switch (filter.type) {
      case "map":
        checkFields(filter.fields, [...at, "fields"], ["record"], problems);
        break;
      case "compute":
        filter.fields.forEach((field, i) => {
          checkTarget(field.target, [...at, "fields", i, "target"], problems);
          checkExpr(field.expr, ["record"], [...at, "fields", i, "expr"], problems);
        });
        break;
      case "condition":
        checkExpr(filter.if, ["record"], [...at, "if"], problems);
        for (const branch of ["then", "else"] as const) {
          const value = filter[branch];
          if (Array.isArray(value)) checkList(value, [...at, branch], problems);
        }
        break;
    }
  });
}

function checkFields(
  fields: readonly MapField[],
  path: PathSegment[],
  variables: string[],
  problems: FilterProblem[],
): void {
  const targets: string[][] = [];
  fields.forEach((field, index) => {
    const at = [...path, index];
    const target = checkTarget(field.target, [...at, "target"], problems);
    if (target) {
      targets.push(target);
      const earlier = collidingTarget(targets, targets.length - 1);
      if (earlier !== undefined) {
        const other = targets[earlier]!.join(".");
        problems.push({
          code: ErrorCodes.CONFIG_INVALID,
          message: `target ${JSON.stringify(field.target)} collides with target ${JSON.stringify(other)} of an earlier field`,
          path: [...at, "target"],
        });
      }
    }
    if (field.expr !== undefined) checkExpr(field.expr, variables, [...at, "expr"], problems);
    if (field.each !== undefined) checkFields(field.each, [...at, "each"], ["record", "root"], problems);
  });
}

function checkTarget(target: string, path: PathSegment[], problems: FilterProblem[]): string[] | undefined {
  try {
    return targetSegments(target);
  } catch (error) {
    problems.push({ code: ErrorCodes.CONFIG_INVALID, message: (error as Error).message, path });
    return undefined;
  }
}

function checkExpr(source: string, variables: string[], path: PathSegment[], problems: FilterProblem[]): void {
  const problem = checkExpression(source, variables);
  if (problem) problems.push({ ...problem, path });
}
