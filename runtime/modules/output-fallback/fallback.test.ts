import { afterEach, describe, expect, it } from "vitest";
import { sendJson, type TestServer } from "../../../test/support/http-server.js";
import { bodies, multiOutputYaml, orders, servers } from "../../../test/support/multi-output.js";
import { runYaml } from "../../../test/support/run-yaml.js";

const started: TestServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

const fallbackBlock = (erp: string, review: string) => `  type: fallback
  primary: { type: http, baseUrl: ${erp}, path: /orders, idempotency: { key: record.id } }
  fallback: { type: http, baseUrl: ${review}, path: /review }`;

describe("fallback output (dead-letter channel)", () => {
  it("sends what the primary refuses to the fallback; only what both refuse is dead-lettered, with both causes", async () => {
    const data = orders(["paid", "disputed", "paid", "fraud"]);
    const s = await servers(data, {
      // The ERP refuses disputed and fraudulent orders; the review queue refuses fraud too.
      erp: (req, res) => sendJson(res, /disputed|fraud/.test(req.body) ? 409 : 201, { error: "not payable" }),
      review: (req, res) => sendJson(res, req.body.includes("fraud") ? 422 : 202, { error: "no fraud here" }),
    });
    started.push(...s.all);
    const { summary, dead } = await runYaml(
      multiOutputYaml("fb", s.source.url, fallbackBlock(s.targets.erp.url, s.targets.review.url)),
    );
    expect(s.targets.erp.requests).toHaveLength(4);
    expect(bodies(s.targets.review)).toEqual([data[1], data[3]]);
    expect(summary.counts).toMatchObject({ read: 4, sent: 3, failed: 1 });
    expect(summary.status).toBe("partial");
    const entries = dead.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ seq: 3, record: data[3], status: 422, output: "output.fallback" });
    expect(entries[0]!.reason).toMatch(/^HTTP 422 from POST .*\/review; before that output\.primary failed: HTTP 409/);
    expect(summary.cursor).toBe(data[3]!.updated);
  });

  it("a transient primary failure is retried, not sent to the fallback", async () => {
    const data = orders(["paid"]);
    let calls = 0;
    const s = await servers(data, {
      erp: (_req, res) => sendJson(res, calls++ === 0 ? 503 : 201, {}),
      review: (_req, res) => sendJson(res, 201, {}),
    });
    started.push(...s.all);
    const { summary } = await runYaml(
      multiOutputYaml("fb", s.source.url, fallbackBlock(s.targets.erp.url, s.targets.review.url)),
    );
    expect(s.targets.erp.requests).toHaveLength(2);
    expect(s.targets.review.requests).toEqual([]);
    expect(summary.counts).toMatchObject({ sent: 1, failed: 0, retries: 1 });
  });

  it("a primary that maps records (a fanout branch) refuses one: the record as received goes to the fallback", async () => {
    const data = orders(["paid", "disputed"]);
    const s = await servers(data, {
      erp: (req, res) => sendJson(res, req.body.includes("o-2") ? 409 : 201, {}),
      review: (_req, res) => sendJson(res, 202, {}),
    });
    started.push(...s.all);
    const block = `  type: fallback
  primary:
    type: fanout
    outputs:
      - filters: [{ type: map, fields: [{ target: ref, from: id }] }]
        output: { type: http, baseUrl: ${s.targets.erp.url}, path: /refs }
  fallback: { type: http, baseUrl: ${s.targets.review.url}, path: /review }`;
    const { summary, dead } = await runYaml(multiOutputYaml("fb", s.source.url, block));
    expect(bodies(s.targets.erp)).toEqual([{ ref: "o-1" }, { ref: "o-2" }]);
    expect(bodies(s.targets.review)).toEqual([data[1]]);
    expect(summary.counts).toMatchObject({ sent: 2, failed: 0 });
    expect(dead).toEqual([]);
  });
});
