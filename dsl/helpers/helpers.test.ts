import { describe, expect, expectTypeOf, it } from "vitest";
import { isCannectorsError } from "../../runtime/errors/index.js";
import {
  cel,
  cents,
  coalesce,
  concat,
  date,
  fromCents,
  join,
  lookup,
  parseInteger,
  parseNumber,
  regexMatch,
  round,
  split,
} from "./index.js";

const SEGMENTS = { active: "STANDARD", lead: "PROSPECT" } as const;

describe("helpers run the runtime library, so map lambdas can be unit-tested", () => {
  const cases: [string, () => unknown, unknown][] = [
    ["cents", () => cents("1234.50"), 123450],
    ["cents negative", () => cents("-0.05"), -5],
    ["fromCents", () => fromCents(1230), "12.30"],
    ["round", () => round(2.345, 2), 2.35],
    ["parseNumber", () => parseNumber(" 1.5 "), 1.5],
    ["parseInteger", () => parseInteger("42"), 42],
    ["date parse+format", () => date.format(date.parse("2023-03-14T09:26:53Z", "iso"), "yyyy-MM-dd"), "2023-03-14"],
    ["date fromUnix", () => date.format(date.fromUnix(0), "iso"), "1970-01-01T00:00:00.000Z"],
    ["date toUnix", () => date.toUnix("1970-01-01T00:01:00Z"), 60],
    ["lookup hit", () => lookup(SEGMENTS, "lead"), "PROSPECT"],
    ["lookup miss", () => lookup(SEGMENTS, "inactive"), null],
    ["lookup fallback", () => lookup(SEGMENTS, "inactive", "OTHER"), "OTHER"],
    ["coalesce", () => coalesce(null, undefined, "x", "y"), "x"],
    ["coalesce all null", () => coalesce(null, undefined), null],
    ["concat", () => concat("a", 1, null, "b"), "a1b"],
    ["join", () => join(["a", "b"], ","), "a,b"],
    ["split", () => split("a,b", ","), ["a", "b"]],
    ["regexMatch", () => regexMatch("abc123", "\\d+"), true],
  ];
  for (const [name, given, want] of cases) {
    it(name, () => expect(given()).toEqual(want));
  }

  it("fail as the runtime does", () => {
    expect(() => cents("1.234")).toThrow(/more than 2 decimals/);
    expect(() => parseInteger("4.2")).toThrow(/not an integer/);
  });

  it("cel() has no value outside a lowered lambda", () => {
    let caught: unknown;
    try {
      cel<string>("record.a");
    } catch (error) {
      caught = error;
    }
    expect(isCannectorsError(caught, "CANNECTORS_E_DSL_MISUSE")).toBe(true);
    expect((caught as Error).message).toMatch(/only meaningful inside a lowered lambda/);
  });

  it("are typed like their results", () => {
    expectTypeOf(lookup(SEGMENTS, "active" as "active" | "inactive")).toEqualTypeOf<"STANDARD" | "PROSPECT" | null>();
    expectTypeOf(lookup(SEGMENTS, "active" as const)).toEqualTypeOf<"STANDARD">();
    expectTypeOf(lookup(SEGMENTS, "x" as string, "OTHER" as const)).toEqualTypeOf<"STANDARD" | "PROSPECT" | "OTHER">();
    expectTypeOf(coalesce("a" as string | null, "b")).toEqualTypeOf<string>();
    expectTypeOf(coalesce("a" as string | null, null as string | null)).toEqualTypeOf<string | null>();
    expectTypeOf(() => cel<number>("1")).returns.toEqualTypeOf<number>();
    expectTypeOf(cents).returns.toEqualTypeOf<number>();
    // Never called: these lines exist for the type checker only.
    const typeOnly = () => {
      // @ts-expect-error Argument of type 'string[]' is not assignable to parameter of type 'string' (split takes text)
      split(["a"], ",");
      // @ts-expect-error Expected 2 arguments, but got 1 (round needs digits)
      round(1.5);
    };
    expect(typeOnly).toBeTypeOf("function");
  });
});
