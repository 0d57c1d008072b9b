import { EvaluationError, Optional } from "@marcbachmann/cel-js";

/**
 * `default(x, d)` and `coalesce(a, b, ...)` are macros, not functions: a function's arguments are
 * evaluated before the call, and in CEL `record.missing` is an error, so `default(record.missing, "n/a")`
 * could never work. The macros evaluate each argument themselves and read a missing key (or an
 * out-of-range index; `record.a.b` with `a: null` is a missing key too) as "absent".
 */
interface MacroChecker {
  check(node: unknown, ctx: unknown): unknown;
  getType(name: string): unknown;
}
interface MacroEvaluator {
  run(node: unknown, ctx: unknown): unknown;
}
interface MacroState {
  args: readonly unknown[];
}

const ABSENT_CODES = new Set(["no_such_key", "index_out_of_bounds", "index_out_of_range"]);

function runOrAbsent(evaluator: MacroEvaluator, node: unknown, ctx: unknown): unknown {
  let value: unknown;
  try {
    value = evaluator.run(node, ctx);
  } catch (error) {
    if (error instanceof EvaluationError && ABSENT_CODES.has(error.code)) return undefined;
    throw error;
  }
  if (value instanceof Optional) return value.hasValue() ? value.value() : undefined;
  return value;
}

function typeCheckAll(checker: MacroChecker, macro: MacroState, ctx: unknown): unknown {
  for (const arg of macro.args) checker.check(arg, ctx);
  return checker.getType("dyn");
}

export function defaultMacro({ args }: MacroState) {
  return {
    args,
    async: false,
    typeCheck: typeCheckAll,
    evaluate(evaluator: MacroEvaluator, macro: MacroState, ctx: unknown): unknown {
      const value = runOrAbsent(evaluator, macro.args[0], ctx);
      return value === undefined || value === null || value === "" ? evaluator.run(macro.args[1], ctx) : value;
    },
  };
}

export function coalesceMacro({ args }: MacroState) {
  return {
    args,
    async: false,
    typeCheck: typeCheckAll,
    evaluate(evaluator: MacroEvaluator, macro: MacroState, ctx: unknown): unknown {
      for (const arg of macro.args) {
        const value = runOrAbsent(evaluator, arg, ctx);
        if (value !== undefined && value !== null) return value;
      }
      return null;
    },
  };
}
