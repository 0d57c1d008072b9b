import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression } from "../compile.js";
import { environmentFor } from "../environment.js";
import { EXPRESSIONS, expression, record } from "./arbitraries.js";
import { generateExpression } from "./codegen.js";
import { compileAst } from "./compile-ast.js";
import { ABSENT } from "./signals.js";

type Outcome = { value: unknown } | { error: unknown };

/** The compiled expression, or undefined when it does not parse or type-check. */
function compiles(source: string, engine: "compiled" | "closures" | "interpreter") {
  try {
    return compileExpression(source, ["record"], { engine });
  } catch {
    return undefined;
  }
}

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    return { error };
  }
}

describe("compiled expressions behave as the cel-js interpreter", () => {
  it.each(EXPRESSIONS)("%s compiles to closures", (source) => {
    expect(compileAst(environmentFor(["record"]).parse(source).ast)).toBeTypeOf("function");
  });

  it.each(EXPRESSIONS)("%s: same value, or the interpreter fails too", (source) => {
    const parsed = environmentFor(["record"]).parse(source);
    parsed.check();
    const fast = compileAst(parsed.ast)!;
    fc.assert(
      fc.property(record, (rec) => {
        const vars = { record: rec };
        const compiled = outcome(() => fast(vars));
        const interpreted = outcome(() => parsed(vars));
        if ("value" in compiled) {
          expect(interpreted).toEqual({ value: compiled.value });
        } else {
          // Compiled code may give up on a record the interpreter handles; it may never claim
          // a missing key (read as absent by default/coalesce) the interpreter does not report.
          if (compiled.error === ABSENT) expect(interpreted).toMatchObject({ error: { code: "no_such_key" } });
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each(EXPRESSIONS)("%s: compileExpression gives the interpreter's results and errors", (source) => {
    const compiled = compileExpression(source, ["record"]);
    const interpreted = compileExpression(source, ["record"], { engine: "interpreter" });
    fc.assert(
      fc.property(record, (rec) => {
        const a = outcome(() => compiled({ record: rec }));
        const b = outcome(() => interpreted({ record: rec }));
        if ("error" in a && "error" in b) expect(String(a.error)).toBe(String(b.error));
        else expect(a).toEqual(b);
      }),
      { numRuns: 100 },
    );
  });
});

describe("generated JavaScript behaves as the closures and the interpreter", () => {
  it.each(EXPRESSIONS)("%s is generated", (source) => {
    const parsed = environmentFor(["record"]).parse(source);
    expect(
      generateExpression(
        parsed.ast,
        () => undefined,
        (v) => v,
      ),
    ).toBeTypeOf("function");
  });

  /** A value the generated code returns without falling back is the closures' and the interpreter's. */
  it.each(EXPRESSIONS)("%s: a generated value is the closures' value", (source) => {
    const parsed = environmentFor(["record"]).parse(source);
    parsed.check();
    const FELL_BACK = Symbol("fell back");
    const generated = generateExpression(
      parsed.ast,
      () => FELL_BACK,
      (v) => v,
    )!;
    const closures = compileAst(parsed.ast)!;
    fc.assert(
      fc.property(record, (rec) => {
        const vars = { record: rec };
        const value = generated(vars);
        if (value === FELL_BACK) return;
        expect(outcome(() => closures(vars))).toEqual({ value });
        expect(outcome(() => parsed(vars))).toEqual({ value });
      }),
      { numRuns: 300 },
    );
  });

  it("random expressions on random records: generated == closures == interpreter", () => {
    fc.assert(
      fc.property(expression, fc.array(record, { minLength: 1, maxLength: 5 }), (source, records) => {
        const generated = compiles(source, "compiled");
        const closures = compiles(source, "closures");
        const interpreted = compiles(source, "interpreter");
        expect(generated === undefined).toBe(interpreted === undefined);
        if (generated === undefined || closures === undefined || interpreted === undefined) return;
        for (const rec of records) {
          const want = outcome(() => interpreted({ record: rec }));
          for (const got of [outcome(() => generated({ record: rec })), outcome(() => closures({ record: rec }))]) {
            if ("error" in got && "error" in want) expect(String(got.error)).toBe(String(want.error));
            else expect(got).toEqual(want);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
