import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../../../test/support/http-server.js";
import { runYaml } from "../../../test/support/run-yaml.js";
import { runConnector } from "../../engine/run.js";
import { openStateStore } from "../../state/index.js";
import { validateArtifact } from "../../validate/index.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const ORDERS = [
  { id: "o1", customer: "ann", updated: "2025-01-01", lines: [{ sku: "a1" }, { sku: "a2" }, { sku: "a3" }] },
  { id: "o2", customer: "bob", updated: "2025-01-02", lines: [{ sku: "b1" }, { sku: "b2" }, { sku: "b3" }] },
  { id: "o3", customer: "cid", updated: "2025-01-03", lines: [] },
  { id: "o4", customer: "dan", updated: "2025-01-04", lines: [{ sku: "d1" }] },
];

async function source(orders: unknown[] = ORDERS) {
  const server = await startServer((req, res) => {
    const since = new URL(req.url, "http://x").searchParams.get("since");
    sendJson(res, 200, { items: orders.filter((o) => !since || (o as { updated: string }).updated > since) });
  });
  servers.push(server);
  return server;
}

function yaml(src: string, dst: string, split: string, batch = 2): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: split-test }
input:
  type: http
  baseUrl: ${src}
  path: /orders
  records: items
  incremental: { cursorField: updated, param: since }
filters:
  - ${split}
output: { type: http, baseUrl: ${dst}, path: /lines, batch: { size: ${batch} } }
settings:
  retries: { maxAttempts: 1 }
`;
}

const sent = (server: TestServer) => server.requests.flatMap((r) => JSON.parse(r.body) as Record<string, unknown>[]);

describe("split", () => {
  it("explodes the array, keeps the chosen parent fields, and batches the children in order", async () => {
    const src = await source();
    const dst = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(dst);
    const { summary } = await runYaml(
      yaml(src.url, dst.url, "{ type: split, field: lines, as: line, keep: [id, customer, updated] }"),
    );
    expect(sent(dst)).toEqual([
      { id: "o1", customer: "ann", updated: "2025-01-01", line: { sku: "a1" } },
      { id: "o1", customer: "ann", updated: "2025-01-01", line: { sku: "a2" } },
      { id: "o1", customer: "ann", updated: "2025-01-01", line: { sku: "a3" } },
      { id: "o2", customer: "bob", updated: "2025-01-02", line: { sku: "b1" } },
      { id: "o2", customer: "bob", updated: "2025-01-02", line: { sku: "b2" } },
      { id: "o2", customer: "bob", updated: "2025-01-02", line: { sku: "b3" } },
      { id: "o4", customer: "dan", updated: "2025-01-04", line: { sku: "d1" } },
    ]);
    // batch.size holds even inside one parent's children.
    expect(dst.requests.map((r) => (JSON.parse(r.body) as unknown[]).length)).toEqual([2, 2, 2, 1]);
    expect(summary.counts).toMatchObject({ read: 4, sent: 7, filtered: 1 });
    expect(summary.cursor).toBe("2025-01-04");
  });

  it("without keep, the element replaces the array and every other field stays", async () => {
    const src = await source([{ id: "o1", updated: "x", lines: [1, 2] }]);
    const dst = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(dst);
    await runYaml(yaml(src.url, dst.url, "{ type: split, field: lines }"));
    expect(sent(dst)).toEqual([
      { id: "o1", updated: "x", lines: 1 },
      { id: "o1", updated: "x", lines: 2 },
    ]);
  });

  it("a record whose field is not an array is its own dead letter, not the run's", async () => {
    const src = await source([
      { id: "o1", updated: "1", lines: "oops" },
      { id: "o2", updated: "2", lines: [{ sku: "x" }] },
    ]);
    const dst = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(dst);
    const { dead } = await runYaml(yaml(src.url, dst.url, "{ type: split, field: lines, as: line, keep: [id] }"));
    expect(sent(dst)).toEqual([{ id: "o2", line: { sku: "x" } }]);
    expect(dead.map((line) => JSON.parse(line) as { seq: number; reason: string })).toMatchObject([
      { seq: 0, reason: expect.stringContaining("lines is a string, not an array") },
    ]);
  });

  it("a stop while a parent's last children are unacknowledged leaves the cursor before that parent", async () => {
    const src = await source();
    const stop = new AbortController();
    // The first batch (o1's first two lines) is acknowledged; the one with o1's last line never is.
    const dst = await startServer((req, res) => {
      if (req.body.includes('"a3"')) {
        stop.abort();
        return;
      }
      sendJson(res, 200, {});
    });
    servers.push(dst);
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-split-"));
    const store = openStateStore(path.join(dir, "state.db"));
    try {
      const { artifact } = validateArtifact(
        yaml(src.url, dst.url, "{ type: split, field: lines, as: line, keep: [id, updated] }"),
        "split.yaml",
      );
      const summary = await runConnector({
        artifact: artifact!,
        store,
        env: {},
        signal: stop.signal,
        drainTimeoutMs: 100,
        deadLetterPath: path.join(dir, "dead.ndjson"),
      });
      expect(dst.requests.length).toBeGreaterThanOrEqual(2);
      expect(summary.cursor).toBeUndefined();
      expect(await store.getCursor("split-test")).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it("--limit stops after whole parents: every child of a read parent goes out, the cursor is that parent's", async () => {
    const src = await source();
    const dst = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(dst);
    const { summary } = await runYaml(
      yaml(src.url, dst.url, "{ type: split, field: lines, as: line, keep: [id, updated] }"),
      { limit: 1 },
    );
    expect(sent(dst).map((r) => (r.line as { sku: string }).sku)).toEqual(["a1", "a2", "a3"]);
    expect(summary.cursor).toBe("2025-01-01");
  });
});
