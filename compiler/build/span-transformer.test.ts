import { describe, expect, it } from "vitest";
import { SOURCE_SPAN, type SourceSpan } from "../../dsl/ir.js";
import { transpileConnectorSource } from "./span-transformer.js";

async function evaluate(text: string): Promise<Record<string, unknown>> {
  const js = transpileConnectorSource(text, "/virtual/c.ts");
  return (await import(`data:text/javascript,${encodeURIComponent(js)}`)) as Record<string, unknown>;
}

function spanOf(value: unknown): SourceSpan | undefined {
  return (value as { [SOURCE_SPAN]?: SourceSpan })[SOURCE_SPAN];
}

describe("transpileConnectorSource", () => {
  it.each([
    { given: "export const f = (c: { a: number }) => c.a + 1;", want: "(c: { a: number }) => c.a + 1" },
    {
      given: "export const f = function named(x: string) { return x; };",
      want: "function named(x: string) { return x; }",
    },
    { given: "export const f = /* lead */ async (x: unknown) => x;", want: "async (x: unknown) => x" },
  ])("tags $want with its original span", async ({ given, want }) => {
    const module = await evaluate(given);
    const span = spanOf(module.f);
    expect(span).toBeDefined();
    expect(span?.file).toBe("/virtual/c.ts");
    expect(given.slice(span?.start, span?.end)).toBe(want);
  });

  it("tags nested lambdas with their own spans and keeps them callable", async () => {
    const given = "export const outer = (xs: number[]) => xs.map((x) => x * 2);\nexport const inner = outer;";
    const module = await evaluate(given);
    const outer = module.outer as (xs: number[]) => number[];
    expect(outer([1, 2])).toEqual([2, 4]);
    expect(given.slice(spanOf(outer)?.start, spanOf(outer)?.end)).toBe("(xs: number[]) => xs.map((x) => x * 2)");
  });

  it("erases type-only imports", () => {
    const js = transpileConnectorSource('import type { paths } from "./types.js";\nexport const x: paths = 1;', "c.ts");
    expect(js).not.toContain("./types.js");
  });

  it("leaves function declarations alone", async () => {
    const module = await evaluate("export function f() { return 1; }");
    expect(spanOf(module.f)).toBeUndefined();
  });
});
