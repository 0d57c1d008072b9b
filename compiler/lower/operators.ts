import ts from "typescript";
import { type Cel, Prec, binary, celNumber, celString, primary, variadic } from "./cel-text.js";
import type { LowerContext } from "./context.js";
import { ERROR, lowerExpression } from "./expression.js";
import { unwrap } from "./fold.js";

const COMPARISONS: ReadonlyMap<ts.SyntaxKind, string> = new Map([
  [ts.SyntaxKind.EqualsEqualsEqualsToken, "=="],
  [ts.SyntaxKind.EqualsEqualsToken, "=="],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken, "!="],
  [ts.SyntaxKind.ExclamationEqualsToken, "!="],
  [ts.SyntaxKind.LessThanToken, "<"],
  [ts.SyntaxKind.LessThanEqualsToken, "<="],
  [ts.SyntaxKind.GreaterThanToken, ">"],
  [ts.SyntaxKind.GreaterThanEqualsToken, ">="],
]);

const ARITHMETIC: ReadonlyMap<ts.SyntaxKind, [string, number]> = new Map([
  [ts.SyntaxKind.MinusToken, ["-", Prec.additive]],
  [ts.SyntaxKind.AsteriskToken, ["*", Prec.multiplicative]],
  [ts.SyntaxKind.SlashToken, ["/", Prec.multiplicative]],
  [ts.SyntaxKind.PercentToken, ["%", Prec.multiplicative]],
]);

export function lowerBinary(node: ts.BinaryExpression, ctx: LowerContext): Cel {
  const op = node.operatorToken.kind;
  if (op === ts.SyntaxKind.QuestionQuestionToken) {
    const operands = nullishOperands(node).map((operand) => lowerExpression(operand, ctx, { absentTolerant: true }));
    return variadic("coalesce", operands, primary("null"));
  }
  const comparison = COMPARISONS.get(op);
  if (comparison) {
    return binary(lowerExpression(node.left, ctx), comparison, lowerExpression(node.right, ctx), Prec.relation);
  }
  if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) return lowerLogical(node, ctx);
  if (op === ts.SyntaxKind.PlusToken) return lowerPlus(node, ctx);
  const arithmetic = ARITHMETIC.get(op);
  if (arithmetic) {
    const [text, prec] = arithmetic;
    // JavaScript divides in doubles; CEL divides two ints as ints (7 / 2 == 3), so literals become doubles.
    const side = (operand: ts.Expression): Cel =>
      op === ts.SyntaxKind.SlashToken &&
      ts.isNumericLiteral(unwrap(operand)) &&
      Number.isSafeInteger(Number(unwrap(operand).getText()))
        ? primary(celNumber(Number((unwrap(operand) as ts.NumericLiteral).text), true)!)
        : lowerExpression(operand, ctx);
    return binary(side(node.left), text, side(node.right), prec);
  }
  return reject(node, ctx, ...binaryProblem(op));
}

/** `a ?? b ?? c` is `(a ?? b) ?? c`: one coalesce with every operand. */
function nullishOperands(node: ts.Expression): ts.Expression[] {
  const expr = ts.isParenthesizedExpression(node) ? unwrap(node) : node;
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
    return [...nullishOperands(expr.left), ...nullishOperands(expr.right)];
  }
  return [node];
}

/** CEL's && and || take booleans only; JavaScript's `a || b` as a default value has no counterpart. */
function lowerLogical(node: ts.BinaryExpression, ctx: LowerContext): Cel {
  const and = node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken;
  for (const operand of [node.left, node.right]) {
    const kind = ctx.oracle.kindOf(operand);
    if (kind !== "boolean" && kind !== "unknown") {
      return reject(
        operand,
        ctx,
        `${and ? "&&" : "||"} needs booleans, and this operand is a ${kind}`,
        and ? 'compare explicitly, e.g. x !== ""' : "use ?? for a default value",
      );
    }
  }
  return binary(
    lowerExpression(node.left, ctx),
    and ? "&&" : "||",
    lowerExpression(node.right, ctx),
    and ? Prec.and : Prec.or,
  );
}

/** `+` adds numbers or joins text: text becomes concat() with every part, numbers stay `+`. */
function lowerPlus(node: ts.BinaryExpression, ctx: LowerContext): Cel {
  if (isTextPlus(node, ctx)) return variadic("concat", concatParts(node, ctx), primary('""'));
  const kind = ctx.oracle.kindOf(node);
  if (kind === "number")
    return binary(lowerExpression(node.left, ctx), "+", lowerExpression(node.right, ctx), Prec.additive);
  return reject(
    node,
    ctx,
    "cannot tell whether + adds numbers or joins text (the operand types are unknown)",
    "use a template literal or concat() for text, parseNumber() for numbers",
  );
}

function isTextPlus(node: ts.Expression, ctx: LowerContext): boolean {
  const expr = unwrap(node);
  if (!ts.isBinaryExpression(expr) || expr.operatorToken.kind !== ts.SyntaxKind.PlusToken) return false;
  if (isTextSyntax(expr.left, ctx) || isTextSyntax(expr.right, ctx)) return true;
  return ctx.oracle.kindOf(expr) === "string";
}

function isTextSyntax(node: ts.Expression, ctx: LowerContext): boolean {
  const expr = unwrap(node);
  return (
    ts.isStringLiteral(expr) ||
    ts.isTemplateExpression(expr) ||
    ts.isNoSubstitutionTemplateLiteral(expr) ||
    isTextPlus(expr, ctx)
  );
}

function concatParts(node: ts.Expression, ctx: LowerContext): Cel[] {
  const expr = unwrap(node);
  if (ts.isBinaryExpression(expr) && isTextPlus(expr, ctx)) {
    return [...concatParts(expr.left, ctx), ...concatParts(expr.right, ctx)];
  }
  if (ts.isTemplateExpression(expr)) {
    const parts: Cel[] = [];
    if (expr.head.text !== "") parts.push(primary(celString(expr.head.text)));
    for (const span of expr.templateSpans) {
      parts.push(lowerExpression(span.expression, ctx));
      if (span.literal.text !== "") parts.push(primary(celString(span.literal.text)));
    }
    return parts;
  }
  return [lowerExpression(node, ctx)];
}

function binaryProblem(op: ts.SyntaxKind): [string, string?] {
  const token = ts.tokenToString(op) ?? ts.SyntaxKind[op];
  if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) {
    return [`assignments (${token}) are not supported`, "a lambda computes a value and changes nothing"];
  }
  if (op === ts.SyntaxKind.InKeyword)
    return ["the `in` operator is not supported", "compare the field with ?? or coalesce()"];
  if (op === ts.SyntaxKind.CommaToken) return ["the comma operator is not supported"];
  return [`the operator ${token} is not supported`];
}

function reject(node: ts.Node, ctx: LowerContext, message: string, hint?: string): Cel {
  ctx.problems.reject(node, ctx.path, message, hint);
  return ERROR;
}
