import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../../../test/support/http-server.js";
import { runYaml } from "../../../test/support/run-yaml.js";
import { runConnector } from "../../engine/run.js";
import { openStateStore } from "../../state/index.js";
import { validateArtifact } from "../../validate/index.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Pages of records, `?page=N`; the body is written as given so amounts keep their exact text. */
async function source(pages: string[]) {
  const server = await startServer((req, res) => {
    const page = Number(new URL(req.url, "http://x").searchParams.get("page") ?? 0);
    const next = page + 1 < pages.length ? `"${page + 1}"` : "null";
    res.writeHead(200, { "content-type": "application/json" });
    res.end(`{"items": ${pages[page] ?? "[]"}, "next": ${next}}`);
  });
  servers.push(server);
  return server;
}

async function sink() {
  const server = await startServer((_req, res) => sendJson(res, 200, {}));
  servers.push(server);
  return server;
}

function yaml(src: string, dst: string, filters: string): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: aggregate-test }
input:
  type: http
  baseUrl: ${src}
  path: /orders
  records: items
  pagination: { type: cursor, cursorPath: next, cursorParam: page }
filters:
${filters}
output: { type: http, baseUrl: ${dst}, path: /totals, batch: { size: 100 } }
`;
}

const AGGREGATE = `  - type: aggregate
    groupBy: [customer]
    fields:
      - { target: orders, op: count }
      - { target: ids, op: collect, from: id }
      - { target: total, op: sum, from: amount }
      - { target: first_at, op: first, from: at }
      - { target: last_at, op: last, from: at }
`;

describe("aggregate", () => {
  it("groups a page by key in order of first appearance, summing money exactly", async () => {
    const src = await source([
      `[{"id":1,"customer":"ann","amount":0.1,"at":"t1"},{"id":2,"customer":"bob","amount":19.99,"at":"t2"},
        {"id":3,"customer":"ann","amount":0.2,"at":"t3"},{"id":4,"customer":"bob","amount":"20.01","at":"t4"},
        {"id":5,"customer":"ann","amount":12345678901234567.89,"at":"t5"}]`,
      `[{"id":6,"customer":"ann","amount":5,"at":"t6"}]`,
    ]);
    const dst = await sink();
    const { summary } = await runYaml(yaml(src.url, dst.url, AGGREGATE));
    // Raw bodies: a float sum would write 0.30000000000000004 and lose the big amount's cents.
    expect(dst.requests.map((r) => r.body)).toEqual([
      '[{"customer":"ann","orders":3,"ids":[1,3,5],"total":12345678901234568.19,"first_at":"t1","last_at":"t5"},' +
        '{"customer":"bob","orders":2,"ids":[2,4],"total":40.00,"first_at":"t2","last_at":"t4"}]',
      // A page-level filter's page goes out at the page's end: groups do not span pages by default.
      '[{"customer":"ann","orders":1,"ids":[6],"total":5,"first_at":"t6","last_at":"t6"}]',
    ]);
    expect(summary.counts).toMatchObject({ read: 6, sent: 3, failed: 0 });
  });

  it("a window of pages groups across them; a record with a non-number amount is its own dead letter", async () => {
    const src = await source([
      `[{"id":1,"customer":"ann","amount":1.5},{"id":2,"customer":"ann","amount":"x"}]`,
      `[{"id":3,"customer":"ann","amount":2.5}]`,
      `[{"id":4,"customer":"ann","amount":1}]`,
    ]);
    const dst = await sink();
    const { dead } = await runYaml(
      yaml(
        src.url,
        dst.url,
        `  - type: aggregate
    groupBy: [customer]
    window: { pages: 2 }
    fields: [{ target: total, op: sum, from: amount }, { target: n, op: count }]
`,
      ),
    );
    expect(dst.requests.map((r) => r.body)).toEqual([
      '[{"customer":"ann","total":4.0,"n":2}]',
      '[{"customer":"ann","total":1,"n":1}]',
    ]);
    expect(dead.map((line) => JSON.parse(line) as { seq: number; reason: string })).toMatchObject([
      { seq: 1, reason: expect.stringContaining('"x" is not a decimal number') },
    ]);
  });

  it("split then aggregate: order lines exploded, then summed per sku", async () => {
    const src = await source([
      `[{"id":"o1","lines":[{"sku":"A","qty":2},{"sku":"B","qty":1}]},{"id":"o2","lines":[{"sku":"A","qty":3}]}]`,
    ]);
    const dst = await sink();
    await runYaml(
      yaml(
        src.url,
        dst.url,
        `  - { type: split, field: lines, as: line, keep: [id] }
  - type: aggregate
    groupBy: [line.sku]
    fields: [{ target: qty, op: sum, from: line.qty }, { target: orders, op: collect, from: id }]
`,
      ),
    );
    expect(JSON.parse(dst.requests[0]!.body)).toEqual([
      { line: { sku: "A" }, qty: 5, orders: ["o1", "o2"] },
      { line: { sku: "B" }, qty: 1, orders: ["o1"] },
    ]);
  });

  it("the cursor passes a window's records only once its aggregate is acknowledged", async () => {
    const src = await source([`[{"id":1,"customer":"ann","at":"t1"}]`, `[{"id":2,"customer":"ann","at":"t2"}]`]);
    const stop = new AbortController();
    // The aggregate of both pages is never acknowledged: the run is stopped while it is in flight.
    const dst = await startServer(() => stop.abort());
    servers.push(dst);
    const text = yaml(
      src.url,
      dst.url,
      `  - type: aggregate
    groupBy: [customer]
    window: { pages: 2 }
    fields: [{ target: last_at, op: last, from: at }]
`,
    ).replace("  records: items\n", "  records: items\n  incremental: { cursorField: at, param: since }\n");
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-aggregate-"));
    const store = openStateStore(path.join(dir, "state.db"));
    try {
      const { artifact } = validateArtifact(text, "aggregate.yaml");
      const summary = await runConnector({
        artifact: artifact!,
        store,
        env: {},
        signal: stop.signal,
        drainTimeoutMs: 100,
      });
      expect(dst.requests).toHaveLength(1);
      expect(summary.cursor).toBeUndefined();
      expect(await store.getCursor("aggregate-test")).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
