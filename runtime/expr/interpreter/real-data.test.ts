import { describe, expect, it } from "vitest";
import { checkExpression } from "../check.js";
import { compileExpression } from "../compile.js";

const ENGINES = ["interpreter", "closures", "compiled"] as const;

const run = (engine: (typeof ENGINES)[number], source: string, record: unknown = {}) =>
  compileExpression(source, ["record"], { engine })({ record });

describe.each(ENGINES)("CEL on real data (%s)", (engine) => {
  it.each([
    "-(-9223372036854775808)",
    "-(-9223372036854775808) > 0",
    "int(1e20)",
    "int(1e20) > 0",
    "int(-1e19) < 0",
    "int(-9223372036854775808.0)",
    "int(9223372036854775807.0)",
    "9223372036854775807 + 1 > 0",
    "[1, 2].map(x, x * 9223372036854775807)[1] > 0",
  ])("int64 overflow is an error, never an answer: %s", (source) => {
    expect(() => run(engine, source)).toThrow(/overflow/);
  });

  it("the smallest int64 is a value, not an overflow", () => {
    expect(run(engine, "-9223372036854775808 < 0")).toBe(true);
  });

  it("an int beyond int64 in a record is that record's error", () => {
    expect(() => run(engine, "record.n > 0", { n: 2n ** 63n })).toThrow(/overflow/);
  });

  it.each([
    ["timestamp('2009-02-13T23:31:30Z').getHours('+02:00')", 1],
    ["timestamp('2009-02-13T23:31:30Z').getDayOfMonth('+11:00')", 13],
    ["timestamp('2009-02-13T02:00:00Z').getDayOfMonth('-02:30')", 11],
    ["timestamp('2009-02-13T23:31:30Z').getMinutes('-09:30')", 1],
    ["timestamp('2009-02-13T23:31:30Z').getHours('02:00')", 1],
    ["timestamp('2009-02-13T23:31:30Z').getHours('Europe/Paris')", 0],
  ])("fixed-offset zones work: %s", (source, expected) => {
    expect(run(engine, source)).toBe(expected);
  });

  it.each([
    ["timestamp('2020-01-01T00:00:00.123456789Z')", "2020-01-01T00:00:00.123456789Z"],
    ["timestamp('2020-01-01T00:00:00.123456Z')", "2020-01-01T00:00:00.123456Z"],
    ["timestamp('2020-01-01T00:00:00.999999999Z') + duration('1ns')", "2020-01-01T00:00:01.000Z"],
    ["timestamp('2020-01-01T00:00:00Z') - duration('1ns')", "2019-12-31T23:59:59.999999999Z"],
    ["timestamp('2020-01-01T00:00:00.000000002Z') > timestamp('2020-01-01T00:00:00.000000001Z')", true],
    ["timestamp('2020-01-01T00:00:00.000000001Z') == timestamp('2020-01-01T00:00:00Z')", false],
    ["timestamp('2020-01-01T00:00:00.000000500Z') - timestamp('2020-01-01T00:00:00Z')", "0.0000005s"],
    ["9223372036854775807 < 9223372036854775808.0", false],
    ["string(timestamp('2009-02-13T23:31:30.123456Z'))", "2009-02-13T23:31:30.123456Z"],
    ["int(timestamp('1969-12-31T23:59:59.5Z'))", -1],
    ["string(duration('1.5s')) + string(duration('-1ns'))", "1.5s-0.000000001s"],
  ])("timestamps keep nanoseconds; int and double order as doubles: %s", (source, expected) => {
    expect(run(engine, source)).toBe(expected);
  });

  it.each([
    "timestamp('9999-12-31T23:59:59Z') + duration('1s')",
    "timestamp('0001-01-01T00:00:00Z') - duration('1s')",
    "duration('320000000000s')",
  ])("a timestamp or duration out of CEL's range is an error: %s", (source) => {
    expect(() => run(engine, source)).toThrow(/out of range/);
  });
});

describe("100,000 chained prefix operators", () => {
  it("are refused with a clear error before the parser recurses", () => {
    for (const op of ["-", "!", "- "]) {
      const source = `${op.repeat(100_000)}1`;
      expect(() => compileExpression(source, ["record"])).toThrow(/prefix operators in a row \(at most 64\)/);
      expect(checkExpression(source, ["record"])?.message).toMatch(/prefix operators in a row/);
    }
    expect(run("compiled", "- -1 == 1 && !!true")).toBe(true);
  });
});
