import type { Filter } from "../modules/catalogue.js";
import { filterKindOf } from "../modules/catalogue.js";
import { checkExpression } from "../expr/index.js";
import { ErrorCodes } from "../errors/index.js";
import type { FilterChecker, FilterProblem } from "./checker.js";
import { topLevelOnly } from "./compile.js";
import { targetSegments } from "./targets.js";
import type { PathSegment } from "../json/path.js";

export type { FilterProblem } from "./checker.js";

/**
 * Every problem at once: bad expressions, invalid targets, colliding targets. An undefined step
 * (one the schema refused, reported there) is skipped, the others keep their index.
 */
export function checkFilters(
  filters: readonly (Filter | undefined)[],
  at: readonly PathSegment[] = ["filters"],
): FilterProblem[] {
  const problems: FilterProblem[] = [];
  const checker: FilterChecker<Filter | undefined> = {
    expression(source, variables, path) {
      const problem = checkExpression(source, variables);
      if (problem) problems.push({ ...problem, path });
    },
    target(target, path) {
      try {
        return targetSegments(target);
      } catch (error) {
        problems.push({ code: ErrorCodes.CONFIG_INVALID, message: (error as Error).message, path });
        return undefined;
      }
    },
    list(list, path) {
      list.forEach((filter, index) => {
        if (filter === undefined) return;
        const kind = filterKindOf(filter);
        // The top-level list's path is ["filters"]; a branch's is longer.
        if (kind.topLevelOnly && path.length > 1) {
          const error = topLevelOnly(filter.type, [...path, index]);
          problems.push({ code: error.code, message: error.message, path: [...path, index] });
          return;
        }
        kind.check(filter as never, [...path, index], checker);
      });
    },
    problem: (problem) => problems.push(problem),
  };
  checker.list(filters, [...at]);
  return problems;
}
