import ts from "typescript";
import type { LowerContext } from "./context.js";
import { lowerExpression } from "./expression.js";
import { propertyKey, unwrap } from "./fold.js";
import type { ComputeField } from "./lambda.js";
import { isTargetSegment } from "./paths.js";

/**
 * A compute lambda's object literal as `{target, expr}` fields. The runtime evaluates them in
 * order on the updated record, while the lambda reads the record as it was: a field that reads a
 * target set before it would see the new value, so that is rejected.
 */
export function lowerComputeFields(body: ts.Expression, ctx: LowerContext): ComputeField[] | undefined {
  const object = unwrap(body);
  if (!ts.isObjectLiteralExpression(object)) {
    ctx.problems.reject(
      body,
      ctx.path,
      "a compute lambda must return an object literal",
      "write (r) => ({ field: expression, ... })",
    );
    return undefined;
  }
  const fields: ComputeField[] = [];
  collect(object, "", fields, ctx);
  if (fields.length === 0 && ctx.problems.count === 0)
    ctx.problems.reject(object, ctx.path, "a compute must set at least one field");
  return fields;
}

function collect(object: ts.ObjectLiteralExpression, prefix: string, fields: ComputeField[], ctx: LowerContext): void {
  for (const property of object.properties) {
    const path = `fields[${fields.length}]`;
    if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) {
      ctx.problems.reject(property, path, "only `key: value` entries are supported in a compute");
      continue;
    }
    const key = propertyKey(property.name);
    if (key === undefined || !isTargetSegment(key)) {
      ctx.problems.reject(
        property.name,
        path,
        key === undefined ? "computed keys are not supported" : `the key ${JSON.stringify(key)} cannot be a target`,
        "keys are literals without dots, brackets or spaces",
      );
      continue;
    }
    const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
    const target = prefix + key;
    if (
      ts.isObjectLiteralExpression(unwrap(value)) &&
      (unwrap(value) as ts.ObjectLiteralExpression).properties.length > 0
    ) {
      collect(unwrap(value) as ts.ObjectLiteralExpression, `${target}.`, fields, ctx);
      continue;
    }
    const reads = new Set<string>();
    const expr = lowerExpression(value, { ...ctx, path: `${path}.expr`, reads }).text;
    const earlier = fields.find((field) => reads.has(field.target.split(".")[0]!));
    if (earlier) {
      ctx.problems.reject(
        value,
        `${path}.expr`,
        `reads ${earlier.target.split(".")[0]}, which this compute sets earlier (the runtime would see the new value)`,
        "split it into two .compute() steps",
      );
    }
    fields.push({ target, expr });
  }
}
