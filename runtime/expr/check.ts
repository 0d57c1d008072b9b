import { ErrorCodes } from "../errors/index.js";
import { celOffset, celSummary } from "./cel-errors.js";
import { environmentFor } from "./environment.js";
import { withSuggestion } from "./suggest-names.js";
import { findForbidden } from "./forbidden.js";
import { findSuperlinearCost } from "./list-cost.js";
import { findUnaryChain } from "./parse-guard.js";

export interface ExpressionProblem {
  code: typeof ErrorCodes.EXPRESSION | typeof ErrorCodes.EXPRESSION_COST;
  /** A warning does not stop the artifact: the expression is valid, its cost may not be. */
  severity?: "warning";
  message: string;
  /** Character index in the source, when known. */
  offset?: number;
}

/** Parses and type-checks at validate time: syntax, unknown functions and variables, arity. */
export function checkExpression(source: string, variables: readonly string[]): ExpressionProblem | undefined {
  const chain = findUnaryChain(source);
  if (chain) return { code: ErrorCodes.EXPRESSION, ...chain };
  let result: ReturnType<ReturnType<typeof environmentFor>["check"]>;
  try {
    result = environmentFor(variables).check(source);
  } catch (error) {
    return problem(error, variables);
  }
  if (!result.valid) return problem(result.error, variables);
  const forbidden = findForbidden(source);
  if (forbidden) return { code: ErrorCodes.EXPRESSION, ...forbidden };
  const costly = findSuperlinearCost(source);
  return costly ? { code: ErrorCodes.EXPRESSION_COST, severity: "warning", ...costly } : undefined;
}

function problem(error: unknown, variables: readonly string[]): ExpressionProblem {
  const offset = celOffset(error);
  const found: ExpressionProblem = { code: ErrorCodes.EXPRESSION, message: withSuggestion(celSummary(error), variables) };
  if (offset !== undefined) found.offset = offset;
  return found;
}
