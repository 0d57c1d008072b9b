import { afterEach, describe, expect, it } from "vitest";
import { sendJson, type TestServer } from "../../../test/support/http-server.js";
import { accept, bodies, multiOutputYaml, orders, servers } from "../../../test/support/multi-output.js";
import { runYaml } from "../../../test/support/run-yaml.js";

const started: TestServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

const routesBlock = (erp: string, review: string, otherwise: string) => `  type: routes
  routes:
    - when: record.status == "paid"
      output: { type: http, baseUrl: ${erp}, path: /orders }
    - when: record.amount > 35
      output: { type: http, baseUrl: ${review}, path: /big }
  default: ${otherwise}`;

describe("routes output (content-based router)", () => {
  it("sends each record to the first route whose condition holds, the rest to the default", async () => {
    const data = orders(["paid", "pending", "paid", "pending", "cancelled"]);
    const s = await servers(data, { erp: accept, review: accept, rest: accept });
    started.push(...s.all);
    const otherwise = `{ type: http, baseUrl: ${s.targets.rest.url}, path: /rest }`;
    const { summary, dead } = await runYaml(
      multiOutputYaml("router", s.source.url, routesBlock(s.targets.erp.url, s.targets.review.url, otherwise)),
    );
    expect(summary.status).toBe("succeeded");
    // o-3 is paid and big: the first matching route takes it, once.
    expect(bodies(s.targets.erp).map((o) => (o as { id: string }).id)).toEqual(["o-1", "o-3"]);
    expect(bodies(s.targets.review).map((o) => (o as { id: string }).id)).toEqual(["o-4", "o-5"]);
    expect(bodies(s.targets.rest).map((o) => (o as { id: string }).id)).toEqual(["o-2"]);
    // Data exact: the record reaches its output as read.
    expect(bodies(s.targets.erp)[0]).toEqual(data[0]);
    expect(summary.counts).toMatchObject({ read: 5, sent: 5, failed: 0 });
    expect(summary.cursor).toBe(data[4]!.updated);
    expect(dead).toEqual([]);
  });

  it('drops the records no route takes when the default is "drop", and still moves the cursor past them', async () => {
    const data = orders(["pending", "paid", "pending"]);
    const s = await servers(data, { erp: accept, review: accept });
    started.push(...s.all);
    const { summary } = await runYaml(
      multiOutputYaml("router", s.source.url, routesBlock(s.targets.erp.url, s.targets.review.url, "drop")),
    );
    expect(summary.status).toBe("succeeded");
    expect(bodies(s.targets.erp).map((o) => (o as { id: string }).id)).toEqual(["o-2"]);
    expect(s.targets.review.requests).toEqual([]);
    expect(summary.cursor).toBe(data[2]!.updated);
  });

  it("dead-letters a record whose condition fails, naming the route; a target's refusal names its output", async () => {
    const data = [
      ...orders(["paid", "pending"]),
      { id: "o-x", status: "pending", amount: "lots", updated: "2026-01-02" },
    ];
    const s = await servers(data, {
      erp: (_req, res) => sendJson(res, 422, { error: "closed period" }),
      review: accept,
    });
    started.push(...s.all);
    const { summary, dead } = await runYaml(
      multiOutputYaml("router", s.source.url, routesBlock(s.targets.erp.url, s.targets.review.url, "drop")),
    );
    expect(summary.counts).toMatchObject({ read: 3, sent: 0, failed: 2 });
    const entries = dead.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((e) => [e.seq, e.output, e.status])).toEqual([
      [2, "output", null],
      [0, "output.routes[0].output", 422],
    ]);
    expect(entries[0]!.reason).toMatch(/^output\.routes\[1\]\.when: /);
    expect(entries[0]!.record).toEqual(data[2]);
  });

  it("dry run: every planned request is labelled with the output that would send it", async () => {
    const data = orders(["paid", "pending", "pending"]);
    const s = await servers(data, { erp: accept, review: accept, rest: accept });
    started.push(...s.all);
    const lines: string[] = [];
    const otherwise = `{ type: http, baseUrl: ${s.targets.rest.url}, path: /rest }`;
    await runYaml(
      multiOutputYaml("router", s.source.url, routesBlock(s.targets.erp.url, s.targets.review.url, otherwise)),
      { dryRun: { write: (line) => lines.push(line) } },
    );
    expect(s.targets.erp.requests.length + s.targets.rest.requests.length).toBe(0);
    expect(lines.map((line) => JSON.parse(line) as { output: string; url: string; body: { id: string } })).toEqual([
      expect.objectContaining({ output: "output.routes[0].output", url: `${s.targets.erp.url}/orders`, body: data[0] }),
      expect.objectContaining({ output: "output.default", url: `${s.targets.rest.url}/rest`, body: data[1] }),
      expect.objectContaining({ output: "output.default", url: `${s.targets.rest.url}/rest`, body: data[2] }),
    ]);
  });
});
