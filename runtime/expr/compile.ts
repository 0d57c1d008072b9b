import type { ParseResult } from "@marcbachmann/cel-js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { currentExpressionBudget } from "./budget/limits.js";
import { meter, overBudget } from "./budget/meter.js";
import { describeCelError } from "./cel-errors.js";
import { compileAst } from "./compiled/compile-ast.js";
import { generateExpression } from "./compiled/codegen.js";
import { environmentFor } from "./environment.js";
import { findForbidden } from "./forbidden.js";
import { instrument } from "./interpreter/instrument.js";
import { constructorKeysAsMaps, hasOwnConstructorKey } from "./interpreter/own-keys.js";
import { findUnaryChain } from "./parse-guard.js";
import { toJsonValue } from "./to-json.js";

/** Evaluates a compiled expression; inputs and the result are plain JSON values. */
export type CompiledExpression = (vars: Record<string, unknown>) => unknown;

export interface CompileOptions {
  /**
   * "tiered" (default): closures for the first GENERATE_AFTER evaluations, generated JavaScript
   * after. "compiled": generated JavaScript (compiled/codegen.ts) from the first evaluation, else
   * closures. "closures" skips the generator, "interpreter" both: the references the compiled
   * paths are tested against.
   */
  engine?: "tiered" | "compiled" | "closures" | "interpreter";
}

/**
 * Evaluations an expression runs as closures before its JavaScript is generated. Why: generating
 * and compiling one function per expression was about a tenth of a 10-record run's CPU
 * (`new Function` compiles its source on every start, no code cache holds it), while it pays off
 * only over many records. Both engines give the interpreter's results (compiled/equivalence.test.ts).
 */
export const GENERATE_AFTER = 32;

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
  const chain = findUnaryChain(source);
  if (chain) throw invalid(source, new Error(chain.message));
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
  instrument(parsed.ast);
  const budget = currentExpressionBudget();
  const run = (vars: Record<string, unknown>): unknown => {
    meter.start(budget);
    try {
      return finished(parsed(vars));
    } catch (error) {
      if (error instanceof CannectorsError) throw error;
      throw new CannectorsError(
        ErrorCodes.EVALUATION,
        `expression ${JSON.stringify(source)} failed: ${describeCelError(error)}`,
        { cause: error, details: { expression: source } },
      );
    }
  };
  const interpret = (vars: Record<string, unknown>): unknown => {
    try {
      return run(vars);
    } catch (error) {
      // cel-js fails on a record with its own `constructor` key in more than one way ("Unsupported
      // type", a TypeError on null); the same data as Maps reads as it should.
      if (!hasOwnConstructorKey(vars)) throw error;
      return run(constructorKeysAsMaps(vars) as Record<string, unknown>);
    }
  };
  if (options.engine === "interpreter") return (vars) => toJsonValue(interpret(vars), source);
  const finish = (value: unknown) => toJsonValue(finished(value), source);
  const generate = (): CompiledExpression | undefined => {
    const generated = generateExpression(parsed.ast, interpret, finish);
    if (generated === undefined) return undefined;
    return (vars) => {
      meter.start(budget);
      return generated(vars);
    };
  };
  const engine = options.engine ?? "tiered";
  if (engine === "compiled") {
    const generated = generate();
    if (generated !== undefined) return generated;
  }
  const fast = compileAst(parsed.ast);
  if (fast === undefined) return (vars) => toJsonValue(interpret(vars), source);
  const closures: CompiledExpression = (vars) => {
    let result: unknown;
    meter.start(budget);
    try {
      result = finished(fast(vars));
    } catch {
      result = interpret(vars);
    }
    return toJsonValue(result, source);
  };
  if (engine !== "tiered") return closures;
  let evaluations = 0;
  let evaluate = closures;
  return (vars) => {
    if (evaluations < GENERATE_AFTER && ++evaluations === GENERATE_AFTER) evaluate = generate() ?? closures;
    return evaluate(vars);
  };
}

/** An engine that caught the budget error (`a || b` tries `b`) must not return a value. */
function finished(value: unknown): unknown {
  return meter.exceeded ? overBudget() : value;
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
