import { describe, expect, it } from "vitest";
import { environmentFor } from "../environment.js";
import { compileAst } from "./compile-ast.js";
import { ABSENT, BAIL } from "./signals.js";

function compiled(source: string) {
  const parsed = environmentFor(["record"]).parse(source);
  parsed.check();
  return compileAst(parsed.ast);
}

const record = {
  id: 7,
  name: "Ada",
  status: "active",
  balance: "12.30",
  tags: ["vip", "b"],
  address: { city: "Paris" },
  nothing: null,
};

describe("compileAst: values without the interpreter", () => {
  it.each([
    { given: 'record.status != "inactive"', want: true },
    { given: "record.id + 1", want: 8 },
    { given: "record.id + 1 == 8", want: true },
    { given: "7 / 2", want: 3n },
    { given: "toCents(record.balance)", want: 1230n },
    { given: 'concat(record.name, "-", record.id)', want: "Ada-7" },
    { given: 'lookup({"active": "A"}, record.status, "?")', want: "A" },
    { given: 'default(record.missing, "n/a")', want: "n/a" },
    { given: 'default(record.nothing.deeper, "n/a")', want: "n/a" },
    { given: "coalesce(record.missing, record.nothing, record.id)", want: 7 },
    { given: "has(record.address.city) && !has(record.address.zip)", want: true },
    { given: '"vip" in record.tags && "city" in record.address', want: true },
    { given: "record.tags[1]", want: "b" },
    { given: 'record.id > 5 ? "big" : "small"', want: "big" },
    { given: "record.missing > 1 || true", want: true },
    { given: 'record.name.startsWith("A") && size(record.name) == 3', want: true },
  ])("$given → $want", ({ given, want }) => {
    expect(compiled(given)?.({ record })).toEqual(want);
  });
});

describe("compileAst: leaves the answer to the interpreter", () => {
  it.each([
    { given: "record.missing", signal: ABSENT },
    { given: "lower(record.id)", signal: BAIL },
    { given: "record.id % 0", signal: BAIL },
    { given: "9223372036854775807 + 1", signal: BAIL },
    { given: "record.status == null", signal: BAIL },
    { given: "record.tags[5]", signal: BAIL },
    { given: 'toCents("1.234")', signal: BAIL },
    { given: "record.missing > 1 && true", signal: BAIL },
  ])("$given throws a signal", ({ given, signal }) => {
    expect(() => compiled(given)?.({ record })).toThrow();
    try {
      compiled(given)?.({ record });
    } catch (error) {
      expect(error).toBe(signal);
    }
  });

  it.each([
    "record.tags.exists(t, t == 'vip')",
    "record.tags.map(t, t + 'x')",
    "cel.bind(x, 1, x + 1)",
    "record.?name",
    "b'hi'",
    "uint(7)",
    "timestamp('2024-01-01T00:00:00Z')",
  ])("%s is not compiled", (source) => {
    expect(compiled(source)).toBeUndefined();
  });
});
