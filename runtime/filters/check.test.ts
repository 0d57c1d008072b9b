import { describe, expect, it } from "vitest";
import type { Filter } from "../artifact/index.js";
import { checkFilters } from "./index.js";

type Branch = "keep" | "drop" | Filter[];

/** A condition filter; the artifact names its branch `then`, which biome flags in object literals. */
function condition(test: string, whenTrue: Branch, whenFalse: Branch): Filter {
  // biome-ignore lint/suspicious/noThenProperty: the artifact schema names this branch "then"
  return { type: "condition", if: test, then: whenTrue, else: whenFalse };
}

describe("checkFilters", () => {
  it("accepts valid filters", () => {
    const filters: Filter[] = [
      {
        type: "map",
        keepUnmapped: false,
        fields: [{ target: "a", from: "lines", each: [{ target: "x", expr: "root.id" }] }],
      },
      condition("record.a != null", "keep", "drop"),
    ];
    expect(checkFilters(filters)).toEqual([]);
  });

  it("reports every problem with its path from the artifact root", () => {
    const filters: Filter[] = [
      { type: "compute", fields: [{ target: "ok", expr: "1" }] },
      {
        type: "map",
        keepUnmapped: false,
        fields: [
          { target: "name", expr: "record.first +" },
          { target: "address", from: "addr" },
          { target: "address.city", from: "city" },
          { target: "name", value: 1 },
          {
            target: "items",
            from: "lines",
            each: [
              { target: "x", expr: "nope(record)" },
              { target: "y", expr: "other.z" },
            ],
          },
          { target: "i[0]", value: 1 },
        ],
      },
      condition("record.ok", "keep", [
        condition("root.x", "keep", [{ type: "compute", fields: [{ target: "t", expr: "a(" }] }]),
      ]),
    ];
    const got = checkFilters(filters).map((p) => ({ path: p.path, code: p.code, offset: p.offset }));
    expect(got).toEqual([
      { path: ["filters", 1, "fields", 0, "expr"], code: "CANNECTORS_E_EXPRESSION", offset: 14 },
      { path: ["filters", 1, "fields", 2, "target"], code: "CANNECTORS_E_CONFIG_INVALID", offset: undefined },
      { path: ["filters", 1, "fields", 3, "target"], code: "CANNECTORS_E_CONFIG_INVALID", offset: undefined },
      { path: ["filters", 1, "fields", 4, "each", 0, "expr"], code: "CANNECTORS_E_EXPRESSION", offset: 0 },
      { path: ["filters", 1, "fields", 4, "each", 1, "expr"], code: "CANNECTORS_E_EXPRESSION", offset: 0 },
      { path: ["filters", 1, "fields", 5, "target"], code: "CANNECTORS_E_CONFIG_INVALID", offset: undefined },
      { path: ["filters", 2, "else", 0, "if"], code: "CANNECTORS_E_EXPRESSION", offset: 0 },
      { path: ["filters", 2, "else", 0, "else", 0, "fields", 0, "expr"], code: "CANNECTORS_E_EXPRESSION", offset: 2 },
    ]);
  });

  it("explains collisions", () => {
    const [problem] = checkFilters([
      {
        type: "map",
        keepUnmapped: false,
        fields: [
          { target: "a.b", from: "x" },
          { target: "a", from: "y" },
        ],
      },
    ]);
    expect(problem?.message).toBe('target "a" collides with target "a.b" of an earlier field');
  });

  it("refuses split, enrich and aggregate inside a condition's branch (they work on the whole stream)", () => {
    const nested = condition("true", [{ type: "split", field: "lines" }], "drop");
    expect(checkFilters([{ type: "split", field: "lines" }, nested])).toEqual([
      {
        code: "CANNECTORS_E_CONFIG_INVALID",
        message: expect.stringContaining("belongs in the top-level filters list"),
        path: ["filters", 1, "then", 0],
      },
    ]);
  });
});
