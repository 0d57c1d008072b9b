import { afterEach, describe, expect, it } from "vitest";
import { sendJson, type TestServer } from "../../../test/support/http-server.js";
import { accept, bodies, multiOutputYaml, orders, servers } from "../../../test/support/multi-output.js";
import { runYaml } from "../../../test/support/run-yaml.js";
import { idempotencyKey } from "../output-http/idempotency-key.js";

const started: TestServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

const fanoutBlock = (erp: string, audit: string) => `  type: fanout
  outputs:
    - output:
        type: http
        baseUrl: ${erp}
        path: /orders
        batch: { size: 2 }
        idempotency: { key: record.id }
    - filters:
        - { type: condition, if: record.status != "draft" }
        - type: map
          fields:
            - { target: ref, from: id }
            - { target: event, expr: '"order." + record.status' }
      output:
        type: http
        baseUrl: ${audit}
        path: /events/{ref}
        idempotency: { key: record.ref, header: X-Event-Key }`;

describe("fanout output (recipient list)", () => {
  it("sends every record to every output, each through its own filters, batches and idempotency keys", async () => {
    const data = orders(["paid", "draft", "pending"]);
    const s = await servers(data, { erp: accept, audit: accept });
    started.push(...s.all);
    const { summary, dead } = await runYaml(
      multiOutputYaml("fan", s.source.url, fanoutBlock(s.targets.erp.url, s.targets.audit.url)),
    );
    expect(summary.status).toBe("succeeded");
    // The ERP takes records as read, two per request; its key is hash(connector, ids) per request.
    expect(bodies(s.targets.erp)).toEqual([[data[0], data[1]], [data[2]]]);
    expect(s.targets.erp.requests.map((r) => r.headers["idempotency-key"])).toEqual([
      idempotencyKey("fan", ["o-1", "o-2"]),
      idempotencyKey("fan", ["o-3"]),
    ]);
    // The audit output maps its own body and drops drafts.
    expect(s.targets.audit.requests.map((r) => [r.url, JSON.parse(r.body), r.headers["x-event-key"]])).toEqual([
      ["/events/o-1", { ref: "o-1", event: "order.paid" }, idempotencyKey("fan", ["o-1"])],
      ["/events/o-3", { ref: "o-3", event: "order.pending" }, idempotencyKey("fan", ["o-3"])],
    ]);
    // Deliveries add up per output: 3 to the ERP, 2 to the audit.
    expect(summary.counts).toMatchObject({ read: 3, sent: 5, failed: 0 });
    expect(summary.cursor).toBe(data[2]!.updated);
    expect(dead).toEqual([]);
  });

  it("a record one output refuses is dead-lettered for that output only; the others still get it", async () => {
    const data = orders(["paid", "pending"]);
    const s = await servers(data, {
      erp: accept,
      audit: (req, res) => sendJson(res, req.url.endsWith("o-2") ? 400 : 201, {}),
    });
    started.push(...s.all);
    const { summary, dead } = await runYaml(
      multiOutputYaml("fan", s.source.url, fanoutBlock(s.targets.erp.url, s.targets.audit.url)),
    );
    expect(bodies(s.targets.erp)).toEqual([[data[0], data[1]]]);
    const entries = dead.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toEqual([
      expect.objectContaining({
        seq: 1,
        output: "output.outputs[1].output",
        status: 400,
        record: { ref: "o-2", event: "order.pending" },
        idempotencyKey: idempotencyKey("fan", ["o-2"]),
      }),
    ]);
    expect(summary.counts).toMatchObject({ sent: 3, failed: 1 });
  });

  it("a branch filter failing on a record dead-letters it at that branch's filters", async () => {
    const data = [{ id: "o-1", status: 7, amount: 1, updated: "2026-01-01" }];
    const s = await servers(data, { erp: accept, audit: accept });
    started.push(...s.all);
    const { dead } = await runYaml(
      multiOutputYaml("fan", s.source.url, fanoutBlock(s.targets.erp.url, s.targets.audit.url)),
    );
    expect(bodies(s.targets.erp)).toEqual([[data[0]]]);
    expect(s.targets.audit.requests).toEqual([]);
    const [entry] = dead.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entry).toMatchObject({ seq: 0, output: "output.outputs[1].filters", record: data[0] });
    expect(entry!.reason).toMatch(/output\.outputs\[1\]\.filters\[1\]/);
  });
});
