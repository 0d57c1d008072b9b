import type { ParseResult } from "@marcbachmann/cel-js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { describeCelError } from "./cel-errors.js";
import { compileAst } from "./compiled/compile-ast.js";
import { generateExpression } from "./compiled/codegen.js";
import { environmentFor } from "./environment.js";
import { findForbidden } from "./forbidden.js";
import { toJsonValue } from "./to-json.js";

/** Evaluates a compiled expression; inputs and the result are plain JSON values. */
export type CompiledExpression = (vars: Record<string, unknown>) => unknown;

export interface CompileOptions {
  /**
   * "compiled" (default): generated JavaScript (compiled/codegen.ts), else closures. "closures"
   * skips the generator, "interpreter" both: the references the compiled paths are tested against.
   */
  engine?: "compiled" | "closures" | "interpreter";
}

/**
 * Parses and type-checks once; the returned closure only evaluates. Type-checking here matters
 * for speed too: cel-js re-checks an unchecked AST on every evaluation. The checked AST is then
 * compiled to JavaScript (compiled/codegen.ts; closures of compiled/compile-ast.ts where code
 * generation is off); whenever the compiled code cannot vouch for a result (an error, an unusual
 * type) the interpreter evaluates the record again and has the last word, so results and error
 * messages are the interpreter's.
 */
export function compileExpression(
  source: string,
  variables: readonly string[],
  options: CompileOptions = {},
): CompiledExpression {
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
  const interpret = (vars: Record<string, unknown>): unknown => {
    try {
      return parsed(vars);
    } catch (error) {
      throw new CannectorsError(
        ErrorCodes.EVALUATION,
        `expression ${JSON.stringify(source)} failed: ${describeCelError(error)}`,
        { cause: error, details: { expression: source } },
      );
    }
  };
  if (options.engine === "interpreter") return (vars) => toJsonValue(interpret(vars), source);
  const finish = (value: unknown) => toJsonValue(value, source);
  if (options.engine !== "closures") {
    const generated = generateExpression(parsed.ast, interpret, finish);
    if (generated !== undefined) return generated;
  }
  const fast = compileAst(parsed.ast);
  if (fast === undefined) return (vars) => toJsonValue(interpret(vars), source);
  return (vars) => {
    let result: unknown;
    try {
      result = fast(vars);
    } catch {
      result = interpret(vars);
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
