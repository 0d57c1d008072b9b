import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../runtime/contract/spec.js";
import { parseDate } from "../../runtime/expr/library/dates.js";
import { sampleValue } from "./sample-values.js";

// Xero marks its Microsoft JSON dates with x-is-msdate; other specs only show one as the example.
const dir = mkdtempSync(path.join(tmpdir(), "conformance-samples-"));
const specFile = path.join(dir, "dates.yaml");
writeFileSync(
  specFile,
  `openapi: 3.0.1
info: { title: Dates, version: "1" }
paths: {}
components:
  schemas:
    Marked: { type: string, x-is-msdate: true }
    MarkedTime: { type: string, x-is-msdate-time: true }
    Shown: { type: string, example: "/Date(1546128000000+0000)/" }
    Plain: { type: string }
`,
);
const spec = loadSpec(specFile);
const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("sampleValue for Microsoft JSON dates", () => {
  it.each(["Marked", "MarkedTime", "Shown"])("%s gives a date the generated msjson parse reads", (name) => {
    for (let index = 1; index <= 5; index++) {
      let seed = index;
      const random = () => {
        seed = (seed * 16807) % 2147483647;
        return (seed - 1) / 2147483646;
      };
      const value = sampleValue(spec, schema(name), { random, index }, "DueDate");
      expect(value).toMatch(/^\/Date\(\d+\+0000\)\/$/);
      expect(parseDate(value as string, "msjson").getUTCFullYear()).toBe(2024);
    }
  });

  it("a plain string stays named after its field", () => {
    expect(sampleValue(spec, schema("Plain"), { random: () => 0.5, index: 3 }, "DueDate")).toBe("DueDate-3");
  });
});
