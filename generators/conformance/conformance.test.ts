import { describe, expect, it } from "vitest";
import { conformance } from "./index.js";

const specs = {
  sourceSpec: new URL("../../examples/demo-apis/crm/openapi.yaml", import.meta.url),
  targetSpec: new URL("../../examples/demo-apis/erp/openapi.yaml", import.meta.url),
};

describe("conformance of the example connector", async () => {
  const suite = await conformance(new URL("../../examples/crm-to-erp/connector.ts", import.meta.url), specs);

  it("reads several pages and delivers every record as mapped", async () => {
    const run = await suite.run({ records: suite.pageSize * 3 + 7 });
    console.log(run.summary, run.violations.slice(0, 3), run.deadLetters.slice(0, 2), run.source.requests.map(r=>r.url));
    expect(run.violations).toEqual([]);
    expect(run.deadLetters).toEqual([]);
    expect(run.lost).toEqual([]);
    expect(run.duplicates).toBe(0);
    expect(run.received.length).toBe(run.expected.length);
  }, 30_000);
});
