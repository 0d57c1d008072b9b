import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression } from "../compile.js";
import { EXPRESSIONS, expression, record } from "../compiled/arbitraries.js";
import { withExpressionBudget } from "./limits.js";
import { meter } from "./meter.js";

const ENGINES = ["interpreter", "closures", "compiled"] as const;

/** What each engine charged for one evaluation (after it), or "error" when it failed for another reason. */
function costs(source: string, vars: Record<string, unknown>): string[] | undefined {
  let compiled: ((vars: Record<string, unknown>) => unknown)[];
  try {
    compiled = ENGINES.map((engine) => compileExpression(source, ["record"], { engine }));
  } catch {
    return undefined;
  }
  return compiled.map((run) => {
    try {
      run(vars);
      return `${meter.steps} steps, ${meter.bytes} bytes`;
    } catch {
      return `error after ${meter.steps} steps`;
    }
  });
}

describe("the three engines charge the budget identically", () => {
  it.each(EXPRESSIONS)("%s: same steps and bytes on random records", (source) => {
    fc.assert(
      fc.property(record, (rec) => {
        const [interpreter, ...others] = costs(source, { record: rec })!;
        if (interpreter!.startsWith("error")) return;
        for (const other of others) expect(other).toBe(interpreter);
      }),
      { numRuns: 40 },
    );
  });

  it("random expressions on random records: same cost wherever all three succeed", () => {
    fc.assert(
      fc.property(expression, record, (source, rec) => {
        const found = costs(source, { record: rec });
        if (found === undefined || found.some((cost) => cost.startsWith("error"))) return;
        expect(new Set(found).size).toBe(1);
      }),
      { numRuns: 400 },
    );
  });

  it("a budget below an expression's cost fails it in every engine, with the budget's code", () => {
    const source = 'concat(record.a, "-", record.b) + lower(record.a)';
    const vars = { record: { a: "x".repeat(1000), b: "y" } };
    const tight = withExpressionBudget({ maxSteps: 1000 }, () =>
      ENGINES.map((engine) => compileExpression(source, ["record"], { engine })),
    );
    for (const run of tight)
      expect(() => run(vars)).toThrow(expect.objectContaining({ code: "CANNECTORS_E_EXPRESSION_BUDGET" }));
    const roomy = ENGINES.map((engine) => compileExpression(source, ["record"], { engine }));
    for (const run of roomy) expect(run(vars)).toBe(`${"x".repeat(1000)}-y${"x".repeat(1000)}`);
  });
});
