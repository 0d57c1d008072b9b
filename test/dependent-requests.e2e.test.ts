import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runConnector } from "../runtime/engine/run.js";
import { ordersApi, ordersHandler } from "../runtime/modules/input-http/children/test-support.js";
import { openStateStore } from "../runtime/state/index.js";
import { validateArtifact } from "../runtime/validate/index.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function artifact(source: string, target: string, extra = ""): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: orders-items }
input:
  type: http
  baseUrl: ${source}
  path: /orders
  records: data
  pagination: { type: page, size: 2, sizeParam: size }
  children:
    path: /orders/{order_id}/items
    params: { order_id: id }
    records: data
    pagination: { type: page, size: 2, sizeParam: size }
    carry: { order_id: id }
    concurrency: 3
${extra}output:
  type: http
  baseUrl: ${target}
  path: /sink
  batch: { size: 4 }
settings:
  retries: { maxAttempts: 2, initialDelay: 10ms, maxDelay: 20ms }
`;
}

async function setUp(count: number, perOrder: number, extra = "") {
  const api = ordersApi(count, perOrder);
  const source = await startServer(ordersHandler(api));
  const target = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(source, target);
  const { artifact: parsed, diagnostics } = validateArtifact(artifact(source.url, target.url, extra), "c.yaml");
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-children-"));
  const store = openStateStore(path.join(dir, "state.db"));
  const deadLetterPath = path.join(dir, "dead.ndjson");
  const run = (dryRun?: { write(line: string): void }) =>
    runConnector({ env: {}, artifact: parsed!, store, deadLetterPath, ...(dryRun ? { dryRun } : {}) });
  const sent = () => target.requests.flatMap((r) => JSON.parse(r.body) as { sku: string; order_id: string }[]);
  const dead = () =>
    readFileSync(deadLetterPath, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
  return { api, source, target, store, run, sent, dead };
}

describe("dependent requests, end to end", () => {
  it("delivers every child with its parent's id; a failing child dead-letters its parent only", async () => {
    const t = await setUp(5, 3);
    t.api.override = (_req, res, id) => {
      if (id !== "o4") return false;
      sendJson(res, 500, { error: "items of o4 down" });
      return true;
    };
    const summary = await t.run();
    expect(summary.status).toBe("partial");
    expect(t.sent().map((r) => `${r.order_id}/${r.sku}`)).toEqual(
      ["o1", "o2", "o3", "o5"].flatMap((o) => [1, 2, 3].map((i) => `${o}/${o}-i${i}`)),
    );
    const [entry] = t.dead();
    expect(entry.reason).toContain('parent 2 of input page 2 (id "o4"): child request failed');
    expect(entry.reason).toContain("status 500");
    expect(JSON.parse(entry.source)).toMatchObject({ id: "o4" });
    expect(summary.counts.failed).toBe(1);
    t.store.close();
  });

  it("keeps each parent's child cursor across runs: the second run asks each parent after its own last child", async () => {
    const t = await setUp(3, 2, "    incremental: { cursorField: created, param: since }\n");
    expect((await t.run()).status).toBe("succeeded");
    expect(t.sent()).toHaveLength(6);
    t.api.items.get("o2")!.push({ sku: "o2-i3", created: "t3" });
    t.target.requests.length = 0;
    t.source.requests.length = 0;
    const second = await t.run();
    expect(second.status).toBe("succeeded");
    expect(t.sent().map((r) => r.sku)).toEqual(["o2-i3"]);
    const childUrls = t.source.requests.map((r) => r.url).filter((url) => url.startsWith("/orders/"));
    expect(childUrls).toEqual([
      "/orders/o1/items?page=1&size=2&since=t2",
      "/orders/o2/items?page=1&size=2&since=t2",
      "/orders/o3/items?page=1&size=2&since=t2",
    ]);
    expect(JSON.parse(second.cursor!)).toEqual({ children: { o1: "t2", o2: "t3", o3: "t2" } });
    t.store.close();
  });

  it("runs dry with children: child requests are made, the output's requests are planned, no cursor saved", async () => {
    const t = await setUp(2, 1, "    incremental: { cursorField: created, param: since }\n");
    const lines: string[] = [];
    const summary = await t.run({ write: (line) => lines.push(line) });
    expect(summary.status).toBe("succeeded");
    expect(t.target.requests).toHaveLength(0);
    expect(t.source.requests.map((r) => r.url).filter((url) => url.startsWith("/orders/"))).toHaveLength(2);
    expect(lines.join("\n")).toContain('"order_id":"o2"');
    expect(await t.store.getCursor("orders-items")).toBeUndefined();
    t.store.close();
  });
});
