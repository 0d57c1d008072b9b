import { ErrorCodes } from "../errors/index.js";
import { celOffset, celSummary } from "./cel-errors.js";
import { environmentFor } from "./environment.js";
import { withSuggestion } from "./suggest-names.js";
import { findForbidden } from "./forbidden.js";

export interface ExpressionProblem {
  code: typeof ErrorCodes.EXPRESSION;
  message: string;
  /** Character index in the source, when known. */
  offset?: number;
}

/** Parses and type-checks at validate time: syntax, unknown functions and variables, arity. */
export function checkExpression(source: string, variables: readonly string[]): ExpressionProblem | undefined {
  let result: ReturnType<ReturnType<typeof environmentFor>["check"]>;
  try {
    result = environmentFor(variables).check(source);
  } catch (error) {
    return problem(error, variables);
  }
  if (!result.valid) return problem(result.error, variables);
  const forbidden = findForbidden(source);
  return forbidden ? { code: ErrorCodes.EXPRESSION, ...forbidden } : undefined;
}

function problem(error: unknown, variables: readonly string[]): ExpressionProblem {
  const offset = celOffset(error);
  const found: ExpressionProblem = { code: ErrorCodes.EXPRESSION, message: withSuggestion(celSummary(error), variables) };
  if (offset !== undefined) found.offset = offset;
  return found;
}
