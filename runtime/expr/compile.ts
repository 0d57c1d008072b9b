import type { ParseResult } from "@marcbachmann/cel-js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { describeCelError } from "./cel-errors.js";
import { environmentFor } from "./environment.js";
import { findForbidden } from "./forbidden.js";
import { toJsonValue } from "./to-json.js";

/** Evaluates a compiled expression; inputs and the result are plain JSON values. */
export type CompiledExpression = (vars: Record<string, unknown>) => unknown;

/**
 * Parses and type-checks once; the returned closure only evaluates. Type-checking here matters
 * for speed too: cel-js re-checks an unchecked AST on every evaluation.
 */
export function compileExpression(source: string, variables: readonly string[]): CompiledExpression {
  const env = environmentFor(variables);
  let parsed: ParseResult;
  try {
    parsed = env.parse(source);
  } catch (error) {
    throw invalid(source, error);
  }
  const checked = parsed.check();
  if (!checked.valid) throw invalid(source, checked.error);
  const forbidden = findForbidden(source);
  if (forbidden) throw invalid(source, new Error(forbidden.message));
  return (vars) => {
    let result: unknown;
    try {
      result = parsed(vars);
    } catch (error) {
      throw new CannectorsError(
        ErrorCodes.EVALUATION,
        `expression ${JSON.stringify(source)} failed: ${describeCelError(error)}`,
        { cause: error, details: { expression: source } },
      );
    }
    return toJsonValue(result, source);
  };
}

function invalid(source: string, error: unknown): CannectorsError {
  return new CannectorsError(
    ErrorCodes.EXPRESSION,
    `invalid expression ${JSON.stringify(source)}: ${describeCelError(error)}`,
    {
      cause: error,
      details: { expression: source },
    },
  );
}
