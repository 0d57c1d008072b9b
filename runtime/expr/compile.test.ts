import { describe, expect, it, vi } from "vitest";
import { CannectorsError } from "../errors/index.js";
import { GENERATE_AFTER } from "./compile.js";
import { compileExpression } from "./index.js";

const evaluate = (source: string, record: unknown) => compileExpression(source, ["record"])({ record });

describe("compileExpression: JSON numbers meet CEL ints", () => {
  it.each([
    { given: "record.age >= 18", record: { age: 20 }, want: true },
    { given: "record.age >= 18", record: { age: 17.5 }, want: false },
    { given: "record.amount * 100", record: { amount: 12.34 }, want: 1234 },
    { given: "record.n + 1", record: { n: 41 }, want: 42 },
    { given: "1 + record.n", record: { n: 41 }, want: 42 },
    { given: "record.n / 2", record: { n: 3 }, want: 1.5 },
    { given: "7 / 2", record: {}, want: 3 },
    { given: "record.n % 4", record: { n: 10 }, want: 2 },
    { given: "record.n == 3", record: { n: 3 }, want: true },
    { given: "record.n in [1, 2, 3]", record: { n: 2 }, want: true },
    { given: "int(record.n) * 2", record: { n: 21 }, want: 42 },
    { given: "record.a - record.b", record: { a: 1, b: 3 }, want: -2 },
  ])("$given → $want", ({ given, record, want }) => {
    expect(evaluate(given, record)).toEqual(want);
  });
});

describe("compileExpression: results are plain JSON", () => {
  it.each([
    { given: "{'a': 1, 'b': [2, {'c': 3}]}", want: { a: 1, b: [2, { c: 3 }] } },
    { given: "timestamp('2024-05-06T07:08:09Z')", want: "2024-05-06T07:08:09.000Z" },
    { given: "duration('90s')", want: "90s" },
    { given: "b'hi'", want: "aGk=" },
    { given: "uint(7)", want: 7 },
    { given: "record.?missing", want: null },
    { given: "record.?name", want: "Ada" },
    { given: "null", want: null },
  ])("$given → $want", ({ given, want }) => {
    expect(evaluate(given, { name: "Ada" })).toEqual(want);
  });

  it("returns a copy, never the input's own objects", () => {
    const record = { nested: { a: 1 } };
    const result = evaluate("record.nested", record) as { a: number };
    result.a = 2;
    expect(record.nested.a).toBe(1);
  });

  it("keeps ints beyond 2^53 exact (BigInt) and rejects non-finite numbers", () => {
    expect(evaluate("9223372036854775807", {})).toBe(9223372036854775807n);
    expect(() => evaluate("record.n / 0", { n: 1 })).toThrowError(/not a finite number/);
  });

  it("caps result sizes", () => {
    const huge = "x".repeat(600_000);
    expect(() => evaluate("record.s + record.s", { s: huge })).toThrowError(/longer than 1048576/);
    const tenfold = (inner: string, name: string, body: string) =>
      `cel.bind(${name}, [${Array(10).fill(inner).join(", ")}], ${body})`;
    // A list that references one small list 10^6 times: cheap to build, huge to walk.
    const exploding = tenfold(
      "1",
      "a",
      tenfold("a", "b", tenfold("b", "c", tenfold("c", "d", tenfold("d", "e", tenfold("e", "f", "f"))))),
    );
    expect(() => evaluate(exploding, {})).toThrowError(/more than 1000000 values/);
  });
});

describe("compileExpression: errors", () => {
  it("throws CANNECTORS_E_EXPRESSION at compile time for an invalid expression", () => {
    const error = captureError(() => compileExpression("record.x +", ["record"]));
    expect(error.code).toBe("CANNECTORS_E_EXPRESSION");
    expect(error.message).toContain('"record.x +"');
  });

  it("throws CANNECTORS_E_EVALUATION with the CEL cause and offset", () => {
    const error = captureError(() => evaluate("record.a + record.missing", { a: 1 }));
    expect(error.code).toBe("CANNECTORS_E_EVALUATION");
    expect(error.message).toBe('expression "record.a + record.missing" failed: No such key: missing (at offset 18)');
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe("compileExpression: parse once, evaluate many", () => {
  it("evaluates 10,000 records correctly with one compiled expression", () => {
    const label = compileExpression(
      'record.age >= 18 ? concat(upper(record.name), ":", toCents(record.amount)) : "minor"',
      ["record"],
    );
    let adults = 0;
    for (let i = 0; i < 10_000; i++) {
      const got = label({ record: { age: i % 30, name: `n${i}`, amount: `${i}.5` } });
      const want = i % 30 >= 18 ? `N${i}:${i * 100 + 50}` : "minor";
      if (got !== want) throw new Error(`record ${i}: got ${String(got)}, want ${want}`);
      if (got !== "minor") adults++;
    }
    expect(adults).toBe(3_996); // 333 cycles of 30 with 12 adults each
  });
});

function captureError(fn: () => unknown): CannectorsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CannectorsError) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("compileExpression: JavaScript is generated for expressions that run often", () => {
  it(`runs a new expression as closures, and generates its function at evaluation ${GENERATE_AFTER}`, () => {
    const generatedFunction = vi.spyOn(globalThis, "Function");
    try {
      const compiled = compileExpression("lower(record.name)", ["record"]);
      for (let i = 1; i < GENERATE_AFTER; i++) expect(compiled({ record: { name: `N${i}` } })).toBe(`n${i}`);
      // A short run never pays for generating and compiling code it runs a few times.
      expect(generatedFunction).not.toHaveBeenCalled();
      expect(compiled({ record: { name: "LAST" } })).toBe("last");
      expect(generatedFunction).toHaveBeenCalledTimes(1);
      expect(compiled({ record: { name: "AFTER" } })).toBe("after");
      expect(generatedFunction).toHaveBeenCalledTimes(1);
    } finally {
      generatedFunction.mockRestore();
    }
  });
});
