import { isDeepStrictEqual } from "node:util";
import { type CompileOptions, compileExpression } from "../compile.js";
import type { ConformanceCase } from "./cases.js";

export type Engine = NonNullable<CompileOptions["engine"]>;
export const ENGINES: readonly Engine[] = ["interpreter", "closures", "compiled"];

/**
 * How one engine did on one case. "wrong" is the outcome the runtime must never have silently:
 * a value where the spec gives another value or an error. "refused" is an error where the spec
 * gives a value: the record fails loudly, nothing wrong reaches a target.
 */
export type Outcome = "pass" | "refused" | "wrong";

export function runCase(test: ConformanceCase, engine: Engine): Outcome {
  let value: unknown;
  try {
    value = compileExpression(test.expr, Object.keys(test.vars), { engine })(test.vars);
  } catch {
    return "error" in test.expected ? "pass" : "refused";
  }
  if ("error" in test.expected) return "wrong";
  return isDeepStrictEqual(value, test.expected.value) ? "pass" : "wrong";
}
