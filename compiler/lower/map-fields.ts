import ts from "typescript";
import type { MapField } from "../../runtime/artifact/index.js";
import type { Binding, LowerContext } from "./context.js";
import { lowerExpression, paramOf } from "./expression.js";
import { fold, propertyKey, unwrap } from "./fold.js";
import { foldedToJson } from "./folded.js";
import { singleReturn } from "./lambda.js";
import { fromPath, isTargetSegment } from "./paths.js";

/** A map lambda's object literal as map fields; `...record` first means keepUnmapped. */
export function lowerMapFields(
  body: ts.Expression,
  ctx: LowerContext,
): { fields: MapField[]; keepUnmapped: boolean } | undefined {
  const object = unwrap(body);
  if (!ts.isObjectLiteralExpression(object)) {
    ctx.problems.reject(
      body,
      ctx.path,
      "a map lambda must return an object literal",
      "write (c) => ({ target: c.source, ... })",
    );
    return undefined;
  }
  let keepUnmapped = false;
  const fields: MapField[] = [];
  object.properties.forEach((property, index) => {
    if (ts.isSpreadAssignment(property)) {
      const param = paramOf(property.expression, ctx);
      if (param && index === 0 && ctx.bindings.get(param)?.pathSource) keepUnmapped = true;
      else if (param)
        ctx.problems.reject(
          property,
          ctx.path,
          "...record must come first",
          "later keys override the spread; keepUnmapped only copies what no field sets",
        );
      else
        ctx.problems.reject(
          property,
          ctx.path,
          "only the record parameter itself may be spread",
          "list the fields, or spread the parameter: { ...c, extra: ... }",
        );
      return;
    }
    lowerProperty(property, "", fields, ctx);
  });
  if (fields.length === 0 && ctx.problems.count === 0) {
    ctx.problems.reject(object, ctx.path, "a map must set at least one field");
  }
  return { fields, keepUnmapped };
}

function lowerProperty(
  property: ts.ObjectLiteralElementLike,
  prefix: string,
  fields: MapField[],
  ctx: LowerContext,
): void {
  const at = { ...ctx, path: `${ctx.path === "" ? "" : `${ctx.path}.`}fields[${fields.length}]` };
  if (ts.isSpreadAssignment(property)) {
    ctx.problems.reject(property, at.path, "spreads are only allowed at the top of a map, as ...record");
    return;
  }
  if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) {
    ctx.problems.reject(property, at.path, "methods and accessors are not supported in a map", "write `key: value`");
    return;
  }
  const key = propertyKey(property.name);
  if (key === undefined) {
    ctx.problems.reject(property.name, at.path, "computed keys are not supported", "write the key as a literal");
    return;
  }
  if (!isTargetSegment(key)) {
    ctx.problems.reject(
      property.name,
      at.path,
      `the key ${JSON.stringify(key)} cannot be a target`,
      "keys may not contain dots, brackets or spaces (dots mean nesting)",
    );
    return;
  }
  const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
  lowerValue(prefix + key, value, fields, at);
}

function lowerValue(target: string, node: ts.Expression, fields: MapField[], ctx: LowerContext): void {
  const value = unwrap(node);
  if (ts.isObjectLiteralExpression(value)) {
    if (value.properties.length === 0) fields.push({ target, value: {} });
    for (const property of value.properties)
      lowerProperty(property, `${target}.`, fields, { ...ctx, path: ctx.path.replace(/\.?fields\[\d+\]$/, "") });
    return;
  }
  const each = lowerEach(target, value, ctx);
  if (each) {
    fields.push(each);
    return;
  }
  const from = fromPath(value, ctx);
  if (from !== undefined) {
    fields.push({ target, from });
    return;
  }
  if (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
    const source = fromPath(value.left, ctx);
    const fallback = fold(value.right);
    if (source !== undefined && fallback.ok) {
      fields.push({ target, from: source, default: foldedToJson(fallback.value) });
      return;
    }
  }
  const constant = fold(value);
  if (constant.ok) {
    fields.push({ target, value: foldedToJson(constant.value) });
    return;
  }
  fields.push({ target, expr: lowerExpression(value, ctx).text });
}

/** `c.items.map((i) => ({ ... }))`: `from` the list, `each` element mapped with `record` = element. */
function lowerEach(target: string, value: ts.Expression, ctx: LowerContext): MapField | undefined {
  if (!ts.isCallExpression(value)) return undefined;
  const callee = unwrap(value.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "map") return undefined;
  const from = fromPath(callee.expression, ctx);
  const callback = value.arguments[0];
  if (from === undefined || value.arguments.length !== 1 || !callback) return undefined;
  const fn = unwrap(callback);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const [element, extra] = fn.parameters;
  if (extra) {
    ctx.problems.reject(extra, ctx.path, "the index parameter of .map() is not supported");
    return { target, from, each: [] };
  }
  if (element && (!ts.isIdentifier(element.name) || element.initializer || element.dotDotDotToken)) {
    ctx.problems.reject(element, ctx.path, "the .map() callback takes one plain parameter");
    return { target, from, each: [] };
  }
  const body = singleReturn(fn, ctx.problems);
  if (!body) return { target, from, each: [] };
  if (!ts.isObjectLiteralExpression(unwrap(body))) {
    ctx.problems.reject(
      body,
      ctx.path,
      "the .map() callback of a map field must return an object literal",
      "map each element field by field: (i) => ({ sku: i.sku })",
    );
    return { target, from, each: [] };
  }
  const inner = new Map<string, Binding>();
  for (const [name, binding] of ctx.bindings) {
    if (binding.cel === "root") inner.set(name, binding);
    else if (binding.pathSource) {
      inner.set(
        name,
        binding.cel === "record" && ![...ctx.bindings.values()].some((b) => b.cel === "root")
          ? { cel: "root", pathSource: false }
          : {
              ...binding,
              unreachable: `${name} is an enclosing .map() element, which the runtime does not expose inside a nested each`,
            },
      );
    }
  }
  if (element && ts.isIdentifier(element.name)) inner.set(element.name.text, { cel: "record", pathSource: true });
  const fields: MapField[] = [];
  const innerCtx: LowerContext = { ...ctx, bindings: inner, path: `${ctx.path}.each` };
  for (const property of (unwrap(body) as ts.ObjectLiteralExpression).properties)
    lowerProperty(property, "", fields, innerCtx);
  if (fields.length === 0) ctx.problems.reject(body, ctx.path, "each element must set at least one field");
  return { target, from, each: fields };
}
