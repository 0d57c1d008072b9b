import { ErrorCodes } from "../../errors/index.js";
import type { FilterChecker } from "../../filters/checker.js";
import { collidingTarget } from "../../filters/targets.js";
import type { PathSegment } from "../../json/path.js";
import type { MapField } from "./schema.js";

/** Every field's target and expression, and targets that collide with an earlier field's. */
export function checkFields(
  fields: readonly MapField[],
  path: PathSegment[],
  variables: string[],
  checker: FilterChecker<unknown>,
): void {
  const targets: string[][] = [];
  fields.forEach((field, index) => {
    const at = [...path, index];
    const target = checker.target(field.target, [...at, "target"]);
    if (target) {
      targets.push(target);
      const earlier = collidingTarget(targets, targets.length - 1);
      if (earlier !== undefined) {
        const other = targets[earlier]!.join(".");
        checker.problem({
          code: ErrorCodes.CONFIG_INVALID,
          message: `target ${JSON.stringify(field.target)} collides with target ${JSON.stringify(other)} of an earlier field`,
          path: [...at, "target"],
        });
      }
    }
    if (field.expr !== undefined) checker.expression(field.expr, variables, [...at, "expr"]);
    if (field.each !== undefined) checkFields(field.each, [...at, "each"], ["record", "root"], checker);
  });
}
