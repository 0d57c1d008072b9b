import ts from "typescript";
import { type Folded, foldedMember, scalar } from "./folded.js";
import { resolveName } from "./scope.js";

/** Why a value is not a compile-time constant, reported with the node at fault. */
export interface FoldFailure {
  readonly node: ts.Node;
  readonly reason: string;
}

export type FoldResult =
  | { readonly ok: true; readonly value: Folded }
  | { readonly ok: false; readonly failure: FoldFailure };

/** Strips what only matters to the type checker: parentheses, `as`, `satisfies`, `!`. */
export function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * Folds literals, object/array literals of literals and references to module-level `const`s of
 * such values. `seen` guards against `const A = B; const B = A`.
 */
export function fold(node: ts.Expression, seen: ReadonlySet<ts.Node> = new Set()): FoldResult {
  const expr = unwrap(node);
  const fail = (at: ts.Node, reason: string): FoldResult => ({ ok: false, failure: { node: at, reason } });
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return ok(scalar(expr.text));
  if (ts.isNumericLiteral(expr)) return ok(scalar(Number(expr.text)));
  if (
    ts.isPrefixUnaryExpression(expr) &&
    expr.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(unwrap(expr.operand))
  ) {
    return ok(scalar(-Number((unwrap(expr.operand) as ts.NumericLiteral).text)));
  }
  if (expr.kind === ts.SyntaxKind.TrueKeyword) return ok(scalar(true));
  if (expr.kind === ts.SyntaxKind.FalseKeyword) return ok(scalar(false));
  if (expr.kind === ts.SyntaxKind.NullKeyword) return ok(scalar(null));
  if (ts.isArrayLiteralExpression(expr)) {
    const items: Folded[] = [];
    for (const element of expr.elements) {
      if (ts.isSpreadElement(element) || ts.isOmittedExpression(element))
        return fail(element, "spreads and holes are not constant");
      const item = fold(element, seen);
      if (!item.ok) return item;
      items.push(item.value);
    }
    return ok({ kind: "list", items });
  }
  if (ts.isObjectLiteralExpression(expr)) return foldObject(expr, seen);
  if (ts.isIdentifier(expr)) return foldIdentifier(expr, seen);
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
    const key = ts.isPropertyAccessExpression(expr) ? expr.name.text : constantKey(expr.argumentExpression);
    if (key === undefined) return fail(expr, "the key is not a literal");
    const base = fold(expr.expression, seen);
    if (!base.ok) return base;
    const member = foldedMember(base.value, key);
    return member ? ok(member) : fail(expr, `the constant has no member ${JSON.stringify(key)}`);
  }
  return fail(expr, "it is not a literal");
}

function foldObject(expr: ts.ObjectLiteralExpression, seen: ReadonlySet<ts.Node>): FoldResult {
  const entries: [string, Folded][] = [];
  for (const property of expr.properties) {
    let key: string | undefined;
    let value: FoldResult;
    if (ts.isPropertyAssignment(property)) {
      key = propertyKey(property.name);
      value = fold(property.initializer, seen);
    } else if (ts.isShorthandPropertyAssignment(property)) {
      key = property.name.text;
      value = fold(property.name, seen);
    } else {
      return { ok: false, failure: { node: property, reason: "only `key: value` entries are constant" } };
    }
    if (key === undefined) return { ok: false, failure: { node: property, reason: "computed keys are not constant" } };
    if (!value.ok) return value;
    entries.push([key, value.value]);
  }
  return ok({ kind: "map", entries });
}

function foldIdentifier(expr: ts.Identifier, seen: ReadonlySet<ts.Node>): FoldResult {
  const resolution = resolveName(expr.text, expr);
  if (resolution.kind !== "const" || !resolution.moduleLevel) {
    return { ok: false, failure: { node: expr, reason: `${expr.text} is not a module-level const` } };
  }
  const { declaration } = resolution;
  if (!declaration.initializer) return { ok: false, failure: { node: expr, reason: `${expr.text} has no value` } };
  if (seen.has(declaration)) return { ok: false, failure: { node: expr, reason: `${expr.text} refers to itself` } };
  return fold(declaration.initializer, new Set([...seen, declaration]));
}

export function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isNumericLiteral(name)) return String(Number(name.text));
  return undefined;
}

/** The literal key of `x["k"]` or `x[0]`. */
export function constantKey(argument: ts.Expression): string | number | undefined {
  const key = unwrap(argument);
  if (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) return key.text;
  if (ts.isNumericLiteral(key)) return Number(key.text);
  return undefined;
}

function ok(value: Folded): FoldResult {
  return { ok: true, value };
}
