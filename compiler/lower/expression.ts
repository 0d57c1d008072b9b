import ts from "typescript";
import { lowerCall } from "./calls.js";
import { type Cel, Prec, atLeast, celNumber, celString, primary, selectField, variadic } from "./cel-text.js";
import type { LowerContext } from "./context.js";
import { constantKey, fold, propertyKey, unwrap } from "./fold.js";
import { foldedToCel } from "./folded.js";
import { lowerBinary } from "./operators.js";
import { paramPath } from "./paths.js";
import { resolveName } from "./scope.js";

export const ERROR: Cel = primary("<error>");

export interface ExpressionFlags {
  /** The value sits directly in `coalesce(...)`, which already reads an absent value as null. */
  readonly absentTolerant?: boolean;
}

/** Lowers one TypeScript expression of a lambda to CEL, reporting what CEL cannot express. */
export function lowerExpression(node: ts.Expression, ctx: LowerContext, flags: ExpressionFlags = {}): Cel {
  const reject = (at: ts.Node, message: string, hint?: string): Cel => {
    ctx.problems.reject(at, ctx.path, message, hint);
    return ERROR;
  };
  if (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isTypeAssertionExpression(node) ||
    ts.isNonNullExpression(node)
  ) {
    return lowerExpression(node.expression, ctx, flags);
  }
  if (isOptionalChainEnd(node)) {
    const plain = lowerChainLink(node, ctx);
    return flags.absentTolerant ? plain : variadic("coalesce", [plain, primary("null")], primary("null"));
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return primary(celString(node.text));
  if (ts.isNumericLiteral(node)) {
    const text = celNumber(Number(node.text));
    return text === undefined ? reject(node, "this number has no CEL literal") : primary(text);
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return primary("true");
  if (node.kind === ts.SyntaxKind.FalseKeyword) return primary("false");
  if (node.kind === ts.SyntaxKind.NullKeyword) return primary("null");
  if (ts.isTemplateExpression(node)) return lowerTemplate(node, ctx);
  if (ts.isIdentifier(node)) return lowerIdentifier(node, ctx);
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return lowerAccess(node, ctx);
  if (ts.isCallExpression(node)) return lowerCall(node, ctx);
  if (ts.isBinaryExpression(node)) return lowerBinary(node, ctx);
  if (ts.isConditionalExpression(node)) {
    const condition = lowerExpression(node.condition, ctx);
    const whenTrue = lowerExpression(node.whenTrue, ctx);
    const whenFalse = lowerExpression(node.whenFalse, ctx);
    return {
      text: `${atLeast(condition, Prec.or)} ? ${atLeast(whenTrue, Prec.or)} : ${whenFalse.text}`,
      prec: Prec.ternary,
    };
  }
  if (ts.isPrefixUnaryExpression(node)) return lowerPrefix(node, ctx);
  if (ts.isArrayLiteralExpression(node)) {
    const items: Cel[] = [];
    for (const element of node.elements) {
      if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) {
        return reject(element, "spreads and holes in array literals are not supported", "list the elements");
      }
      items.push(lowerExpression(element, ctx));
    }
    return primary(`[${items.map((i) => i.text).join(", ")}]`);
  }
  if (ts.isObjectLiteralExpression(node)) return lowerObjectLiteral(node, ctx);
  return reject(node, ...unsupported(node));
}

/** The last link of `a?.b.c`: its whole chain reads as null when any optional link is absent. */
function isOptionalChainEnd(node: ts.Node): node is ts.PropertyAccessExpression | ts.ElementAccessExpression {
  if (!(ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) || !ts.isOptionalChain(node)) {
    return false;
  }
  const parent = node.parent;
  return !(ts.isOptionalChain(parent) && (parent as ts.OptionalChain).expression === node);
}

/** Property or element access, ignoring `?.` (the caller decides how absence is read). */
function lowerChainLink(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, ctx: LowerContext): Cel {
  return lowerAccess(node, ctx, true);
}

function lowerAccess(
  node: ts.PropertyAccessExpression | ts.ElementAccessExpression,
  ctx: LowerContext,
  inChain = false,
): Cel {
  const folded = foldedAccess(node, ctx);
  if (folded) return folded;
  noteFieldRead(node, ctx);
  const receiverNode = node.expression;
  const receiver =
    inChain &&
    (ts.isPropertyAccessExpression(receiverNode) || ts.isElementAccessExpression(receiverNode)) &&
    ts.isOptionalChain(receiverNode)
      ? lowerAccess(receiverNode, ctx, true)
      : lowerExpression(receiverNode, ctx);
  const param = paramOf(receiverNode, ctx);
  if (ts.isPropertyAccessExpression(node)) {
    if (ts.isPrivateIdentifier(node.name)) {
      ctx.problems.reject(node.name, ctx.path, "private fields are not supported");
      return ERROR;
    }
    const name = node.name.text;
    if (param) ctx.reads?.add(name);
    if (name === "length" && ctx.oracle.kindOf(receiverNode) !== "object") return primary(`size(${receiver.text})`);
    return selectField(receiver, name);
  }
  const key = constantKey(node.argumentExpression);
  if (param && key !== undefined) ctx.reads?.add(String(key));
  if (typeof key === "number") {
    if (!Number.isSafeInteger(key) || key < 0) {
      ctx.problems.reject(node.argumentExpression, ctx.path, "an index must be a non-negative integer");
      return ERROR;
    }
    return primary(`${atLeast(receiver, Prec.primary)}[${key}]`);
  }
  if (typeof key === "string") return selectField(receiver, key);
  const index = lowerExpression(node.argumentExpression, ctx);
  return primary(`${atLeast(receiver, Prec.primary)}[${index.text}]`);
}

/** Records `r.a.b` (the whole chain, once) when it reads the lambda's own record parameter. */
function noteFieldRead(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, ctx: LowerContext): void {
  const reads = ctx.fieldReads;
  if (!reads) return;
  const parent = node.parent;
  const extended =
    (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
    parent.expression === node &&
    !(ts.isCallExpression(parent.parent) && parent.parent.expression === parent) &&
    paramPath(parent, ctx) !== undefined;
  if (extended) return;
  const found = paramPath(node, ctx);
  if (found && found.path !== "" && found.binding === reads.binding) reads.list.push({ path: found.path, node });
}

/** `T.a` and `T["a"]` on a module-level constant fold to a literal; `T[record.k]` becomes `lookup`. */
function foldedAccess(
  node: ts.PropertyAccessExpression | ts.ElementAccessExpression,
  ctx: LowerContext,
): Cel | undefined {
  if (!isConstantRooted(node.expression, ctx)) return undefined;
  const whole = fold(node);
  if (whole.ok) return foldedToCel(whole.value);
  const base = fold(node.expression);
  if (!base.ok) return undefined;
  if (ts.isElementAccessExpression(node) && constantKey(node.argumentExpression) === undefined) {
    const key = lowerExpression(node.argumentExpression, ctx);
    // A missing key is `undefined` in TypeScript; lookup gives null where an index would fail the record.
    if (base.value.kind === "map") return primary(`lookup(${foldedToCel(base.value).text}, ${key.text})`);
    return primary(`${foldedToCel(base.value).text}[${key.text}]`);
  }
  ctx.problems.reject(node, ctx.path, `the constant has no member ${JSON.stringify(node.getText(ctx.sourceFile))}`);
  return ERROR;
}

function isConstantRooted(node: ts.Expression, ctx: LowerContext): boolean {
  const expr = unwrap(node);
  if (ts.isIdentifier(expr)) {
    if (ctx.bindings.has(expr.text)) return false;
    const resolution = resolveName(expr.text, ctx.lambda);
    return resolution.kind === "const" && resolution.moduleLevel;
  }
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr))
    return isConstantRooted(expr.expression, ctx);
  return false;
}

/** The lambda parameter `node` is, if it is one. */
export function paramOf(node: ts.Expression, ctx: LowerContext): string | undefined {
  const expr = unwrap(node);
  return ts.isIdentifier(expr) && ctx.bindings.has(expr.text) ? expr.text : undefined;
}

function lowerIdentifier(node: ts.Identifier, ctx: LowerContext): Cel {
  const reject = (message: string, hint?: string): Cel => {
    ctx.problems.reject(node, ctx.path, message, hint);
    return ERROR;
  };
  const name = node.text;
  const binding = ctx.bindings.get(name);
  if (binding) {
    if (binding.unreachable) return reject(binding.unreachable);
    return primary(binding.cel);
  }
  const resolution = resolveName(name, ctx.lambda);
  switch (resolution.kind) {
    case "const": {
      if (!resolution.moduleLevel) {
        return reject(
          `${name} is a local constant`,
          "only module-level consts are folded into the artifact; move it to the top of the file",
        );
      }
      const folded = fold(node);
      if (folded.ok) return foldedToCel(folded.value);
      return reject(
        `${name} cannot be folded into the artifact: ${folded.failure.reason}`,
        "a module-level const must hold literals, or object/array literals of literals",
      );
    }
    case "mutable":
      return reject(
        `${name} is a ${resolution.keyword} variable, captured by the lambda`,
        "lambdas run as expressions in the runtime and see no variables; use a module-level const",
      );
    case "enclosingParameter":
      return reject(
        `${name} is a parameter of an enclosing function, captured by the lambda`,
        "the lambda is lowered once, at build time; use a module-level const or env()",
      );
    case "local":
      return reject(`${name} is ${resolution.what}, not a value the lambda can use`);
    case "import":
      return reject(
        `${name} is imported from ${JSON.stringify(resolution.module)}`,
        'imported values are not folded; call helpers from "cannectors" or declare a module-level const',
      );
    case "global":
      if (name === "undefined") return reject("undefined has no JSON form", "use null");
      return reject(`unknown identifier ${name}`, "a lambda may use its parameters and module-level consts only");
  }
}

function lowerPrefix(node: ts.PrefixUnaryExpression, ctx: LowerContext): Cel {
  switch (node.operator) {
    case ts.SyntaxKind.ExclamationToken:
      return { text: `!${atLeast(lowerExpression(node.operand, ctx), Prec.unary)}`, prec: Prec.unary };
    case ts.SyntaxKind.MinusToken: {
      const operand = lowerExpression(node.operand, ctx);
      return { text: `-${atLeast(operand, Prec.unary)}`, prec: Prec.unary };
    }
    case ts.SyntaxKind.PlusPlusToken:
    case ts.SyntaxKind.MinusMinusToken:
      ctx.problems.reject(
        node,
        ctx.path,
        "assignments (++, --) are not supported",
        "a lambda computes a value and changes nothing",
      );
      return ERROR;
    default:
      ctx.problems.reject(
        node,
        ctx.path,
        `the operator ${ts.tokenToString(node.operator)} is not supported`,
        "use parseNumber() to convert text to a number",
      );
      return ERROR;
  }
}

function lowerTemplate(node: ts.TemplateExpression, ctx: LowerContext): Cel {
  const parts: Cel[] = [];
  if (node.head.text !== "") parts.push(primary(celString(node.head.text)));
  for (const span of node.templateSpans) {
    parts.push(lowerExpression(span.expression, ctx));
    if (span.literal.text !== "") parts.push(primary(celString(span.literal.text)));
  }
  return variadic("concat", parts, primary('""'));
}

function lowerObjectLiteral(node: ts.ObjectLiteralExpression, ctx: LowerContext): Cel {
  if (!ctx.inHelperArg) {
    ctx.problems.reject(
      node,
      ctx.path,
      "an object literal is only allowed as a helper argument here",
      "build objects in .map() fields, or pass a table to lookup()",
    );
    return ERROR;
  }
  const entries: string[] = [];
  for (const property of node.properties) {
    if (ts.isPropertyAssignment(property)) {
      const key = propertyKey(property.name);
      if (key === undefined) {
        ctx.problems.reject(property.name, ctx.path, "computed keys are not supported", "write the key as a literal");
        return ERROR;
      }
      entries.push(`${celString(key)}: ${lowerExpression(property.initializer, ctx).text}`);
    } else if (ts.isShorthandPropertyAssignment(property)) {
      entries.push(`${celString(property.name.text)}: ${lowerExpression(property.name, ctx).text}`);
    } else {
      ctx.problems.reject(property, ctx.path, "only `key: value` entries are supported in an object literal");
      return ERROR;
    }
  }
  return primary(`{${entries.join(", ")}}`);
}

/** A message and a hint for syntax CEL has no counterpart for. */
function unsupported(node: ts.Node): [string, string?] {
  switch (node.kind) {
    case ts.SyntaxKind.ThisKeyword:
      return ["`this` is not supported", "a lambda sees only its parameters"];
    case ts.SyntaxKind.SuperKeyword:
      return ["`super` is not supported"];
    case ts.SyntaxKind.AwaitExpression:
      return ["`await` is not supported", "lambdas are synchronous expressions evaluated by the runtime"];
    case ts.SyntaxKind.YieldExpression:
      return ["`yield` is not supported"];
    case ts.SyntaxKind.NewExpression:
      return ["`new` is not supported", "use the date helpers (date.parse, date.format) for dates"];
    case ts.SyntaxKind.RegularExpressionLiteral:
      return [
        "regular expression literals are not supported",
        'use regexMatch(text, "pattern") with a string pattern (RE2 syntax)',
      ];
    case ts.SyntaxKind.TaggedTemplateExpression:
      return ["tagged templates are not supported in a lambda", "use a plain template literal"];
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
      return [
        "a function is not supported here",
        "only a map field's `list.map((item) => ({...}))` may take a callback",
      ];
    case ts.SyntaxKind.TypeOfExpression:
      return ["`typeof` is not supported"];
    case ts.SyntaxKind.VoidExpression:
      return ["`void` is not supported"];
    case ts.SyntaxKind.DeleteExpression:
      return ["`delete` is not supported", "a lambda computes a value and changes nothing"];
    case ts.SyntaxKind.PostfixUnaryExpression:
      return ["assignments (++, --) are not supported", "a lambda computes a value and changes nothing"];
    case ts.SyntaxKind.ClassExpression:
      return ["classes are not supported"];
    case ts.SyntaxKind.BigIntLiteral:
      return ["bigint literals are not supported", "use a number"];
    default:
      return [`${ts.SyntaxKind[node.kind]} is not supported in a lambda`];
  }
}
