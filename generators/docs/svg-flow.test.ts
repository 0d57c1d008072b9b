import { describe, expect, it } from "vitest";
import type { Flow } from "./model-types.js";
import { flowSvg } from "./svg-flow.js";

const flow = (filters: Flow["filters"]): Flow => ({
  input: { summary: "GET /items", detail: "127.0.0.1:4010" },
  filters,
  output: { summary: "POST /sink", detail: "127.0.0.1:4020" },
});

describe("flowSvg", () => {
  it("draws three stages joined by two arrows, the same bytes every time", () => {
    const svg = flowSvg(flow([{ path: "filters[0]", kind: "map", summary: "map to 2 fields" }]));
    expect(svg.match(/<g class="stage" data-stage="(\w+)"/g)).toEqual([
      '<g class="stage" data-stage="input"',
      '<g class="stage" data-stage="filters"',
      '<g class="stage" data-stage="output"',
    ]);
    expect(svg.match(/class="flow-arrow"/g)).toHaveLength(2);
    expect(svg).toContain("1. map to 2 fields");
    expect(flowSvg(flow([{ path: "filters[0]", kind: "map", summary: "map to 2 fields" }]))).toBe(svg);
  });

  it.each([
    ["keep if `a` is \"<b>\" & 'c'", "keep if a is &quot;&lt;b&gt;&quot; &amp; &#39;c&#39;"],
    ["x".repeat(100), "x".repeat(38)],
  ])("escapes and wraps step text: %s", (summary, shown) => {
    const svg = flowSvg(flow([{ path: "filters[0]", kind: "condition", summary }]));
    expect(svg).toContain(shown);
    expect(svg).not.toContain("<b>");
  });

  it("grows with the longest stage and says when there are no filters", () => {
    const short = flowSvg(flow([]));
    const long = flowSvg(
      flow(Array.from({ length: 6 }, (_, i) => ({ path: `filters[${i}]`, kind: "map", summary: "map" }))),
    );
    const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)?.[1]);
    expect(short).toContain("(none: records pass unchanged)");
    expect(height(long)).toBeGreaterThan(height(short));
  });
});
