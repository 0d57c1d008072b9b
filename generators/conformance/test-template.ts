export interface ConformanceTestFileOptions {
  /** The connector's name: its file is `./NAME.ts` beside the test. */
  name: string;
  /** The two OpenAPI files, relative to the test file's folder (`../specs/crm.openapi.yaml`). */
  sourceSpec: string;
  targetSpec: string;
  /** False when the connector reads a single page: the page scenarios are left out. */
  paginated: boolean;
}

/**
 * `connectors/NAME.conformance.test.ts`, written by `generate` and `init`: the connector against
 * mocks of its two APIs (cannectors/testing). Short on purpose: each scenario is one `suite.run`.
 */
export function conformanceTestFile(options: ConformanceTestFileOptions): string {
  const pages = options.paginated
    ? `
  it("reads several pages, the last one short, and delivers every record as mapped", async () => {
    const run = await suite.run({ records: page * 3 + half });
    expect(run.source.requests.map((r) => r.records)).toEqual([page, page, page, half]);
    expectAllDelivered(run);
  });

  it("stops at an empty page", async () => {
    const run = await suite.run({ records: page * 2, lastPageEmpty: true });
    expect(run.source.requests.map((r) => r.records)).toEqual([page, page, 0]);
    expectAllDelivered(run);
  });

  it("resumes after a crash (SIGKILL) at a page boundary: nothing lost, duplicates within the bound", async () => {
    const run = await suite.run({ records: page * 4, crashAtPage: 3 });
    expect(run.arrivedBeforeCrash).toBeGreaterThan(0);
    expect(run.lost).toEqual([]);
    expect(run.deadLetters).toEqual([]);
    expect(run.duplicates).toBeLessThanOrEqual(run.duplicateBound);
    expect(run.summary.status).toBe("succeeded");
  });
`
    : "";
  return `// Conformance test of ${options.name}, written by \`cannectors generate\` / \`cannectors init\`: run it
// with \`npx vitest run\`. The connector runs for real against mocks of its two APIs served on
// 127.0.0.1 from their OpenAPI specs: the source serves generated records valid against its
// response schema, paginated as the connector says; the target checks every body against its
// request schema. No network, no credentials. Add a scenario with \`suite.run({ ... })\`.
import { describe, expect, it } from "vitest";
import { type ConformanceRun, conformance } from "cannectors/testing";

const suite = await conformance(new URL("./${options.name}.ts", import.meta.url), {
  sourceSpec: new URL(${JSON.stringify(options.sourceSpec)}, import.meta.url),
  targetSpec: new URL(${JSON.stringify(options.targetSpec)}, import.meta.url),
});
const page = suite.pageSize;
const half = Math.ceil(page / 2);

/** Every record reached the target once, exactly as mapped, in bodies its contract accepts. */
function expectAllDelivered(run: ConformanceRun) {
  expect(run.violations).toEqual([]);
  expect(run.deadLetters).toEqual([]);
  expect(run.lost).toEqual([]);
  expect(run.unexpected).toEqual([]);
  expect(run.duplicates).toBe(0);
  expect(run.summary.status).toBe("succeeded");
}

describe(\`\${suite.name} conformance\`, { timeout: 30_000 }, () => {${pages}
  it("succeeds on an empty source and sends nothing", async () => {
    const run = await suite.run({ records: 0 });
    expect(run.summary.status).toBe("succeeded");
    expect(run.target.requests).toEqual([]);
  });

  it("waits as long as a 429's Retry-After says, then reads on", async () => {
    const run = await suite.run({ source: { faults: [{ request: 1, status: 429, retryAfter: 1 }] } });
    expect(run.source.gapAfter(1)).toBeGreaterThanOrEqual(1000);
    expectAllDelivered(run);
  });

  it("retries a 5xx from either API, then succeeds", async () => {
    const run = await suite.run({
      source: { faults: [{ request: 1, status: 503 }] },
      target: { faults: [{ request: 1, status: 500 }] },
    });
    expect(run.target.requests[0]?.status).toBe(500);
    expectAllDelivered(run);
  });

  it("dead-letters a record the target refuses, with its position and the target's answer", async () => {
    const run = await suite.run({ target: { reject: [2] } });
    const refused = run.expected[2]!;
    expect(run.deadLetters).toHaveLength(1);
    expect(run.deadLetters[0]).toMatchObject({ seq: refused.seq, record: refused.record });
    expect(run.deadLetters[0]!.status).toBeGreaterThanOrEqual(400);
    expect(run.deadLetters[0]!.responseExcerpt).toContain("refuses this record");
    expect(run.lost).toEqual([]);
    expect(run.received).toHaveLength(run.expected.length - 1);
    expect(run.summary.status).toBe("partial");
  });

});
`;
}
