import { describe, expect, it } from "vitest";
import { located, lowerIn } from "./test-support.js";

describe("lowerLambda compute", () => {
  it.each([
    {
      given: '(r: R) => ({ total: r.n * 2, label: `#${r.id}`, nested: { flag: r.n > 1 }, constant: "x" })',
      want: [
        { target: "total", expr: "record.n * 2" },
        { target: "label", expr: 'concat("#", record.id)' },
        { target: "nested.flag", expr: "record.n > 1" },
        { target: "constant", expr: '"x"' },
      ],
    },
    {
      given: "(r: R) => ({ n: r.b, b: r.b + 1 })",
      want: [
        { target: "n", expr: "record.b" },
        { target: "b", expr: "record.b + 1" },
      ],
    },
  ])("$given", ({ given, want }) => {
    const result = lowerIn("", given, "compute");
    expect(located(result)).toEqual([]);
    expect(result.lowered).toEqual({ role: "compute", fields: want });
  });

  it("rejects a field that reads a target set before it", () => {
    const result = lowerIn("", "(r: R) => ({ n: r.b, b: r.n + 1 })", "compute");
    expect(located(result)).toEqual([
      "8:42 reads n, which this compute sets earlier (the runtime would see the new value); split it into two .compute() steps",
    ]);
    expect(result.diagnostics[0]?.path).toBe("fields[1].expr");
  });
});
