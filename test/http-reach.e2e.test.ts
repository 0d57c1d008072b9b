import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitArtifact, headerFor } from "../compiler/index.js";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

/**
 * The HTTP input's reach, end to end through the CLI: TypeScript connectors using body pagination,
 * a body incremental cursor and a CSV response are built, imported back, and run against loopback servers.
 */
const CONNECTORS = ["search-orders", "report-rows"];
const dir = mkdtempSync(path.join(tmpdir(), "cannectors-reach-"));
const built = (name: string) => path.join(dir, "built", `${name}.yaml`);

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

beforeAll(async () => {
  const files = CONNECTORS.map((name) => `test/fixtures/reach/${name}.ts`);
  const result = await runCli(["build", ...files, "--out", path.join(dir, "built")], { timeoutMs: 120_000 });
  expect(result.code, result.stderr).toBe(0);
}, 150_000);

/** The built YAML pointed at the given servers, written beside the state database. */
function workspace(name: string, sourceUrl: string, sinkUrl: string) {
  const yaml = readFileSync(built(name), "utf8")
    .replaceAll("http://127.0.0.1:4010", sourceUrl)
    .replaceAll("http://127.0.0.1:4020", sinkUrl);
  const file = path.join(dir, `${name}-run.yaml`);
  writeFileSync(file, yaml);
  const dead = path.join(dir, `${name}-dead.ndjson`);
  return { dead, args: ["run", file, "--state", path.join(dir, `${name}.db`), "--dead-letter", dead, "--json"] };
}

async function sink() {
  const received: unknown[] = [];
  const server = await startServer((req, res) => {
    received.push(JSON.parse(req.body));
    sendJson(res, 200, {});
  });
  servers.push(server);
  return { server, received };
}

describe("HTTP input reach, built from TypeScript", () => {
  it.each(CONNECTORS)(
    "round trip %s: TS → YAML → import → build gives the same YAML",
    async (name) => {
      const tsFile = path.join(dir, `${name}-imported.ts`);
      const imported = await runCli(["import", built(name), "--out", tsFile]);
      expect(imported.code, imported.stderr).toBe(0);
      const rebuilt = await runCli(["build", tsFile, "--out", path.join(dir, "rebuilt")], { timeoutMs: 120_000 });
      expect(rebuilt.code, rebuilt.stderr).toBe(0);
      const outputFile = path.join(dir, "rebuilt", `${name}.yaml`);
      const document = parse(readFileSync(built(name), "utf8")) as Record<string, unknown>;
      expect(readFileSync(outputFile, "utf8")).toBe(emitArtifact(document, headerFor(tsFile, outputFile)));
    },
    150_000,
  );

  it("POST search: cursor in the body over several pages, then an incremental resume from the saved seq", async () => {
    const orders = Array.from({ length: 7 }, (_, i) => ({ id: 100 + i, total: `${i}.50` }));
    // seq values start beyond 2^53: written as text, compared as BigInt.
    const json = (o: (typeof orders)[number], seq: bigint) => `{"id":${o.id},"seq":${seq},"total":"${o.total}"}`;
    let published = 7;
    const bodies: string[] = [];
    const shop = await startServer((req, res) => {
      bodies.push(req.body);
      const body = JSON.parse(req.body.replace(/("seq_gt":)(\d+)/, '$1"$2"')) as {
        paging: { size: number; cursor?: number };
        filter?: { seq_gt?: string };
      };
      const after = body.filter?.seq_gt === undefined ? -1n : BigInt(body.filter.seq_gt);
      const seqs = orders.slice(0, published).map((o, i) => ({ o, seq: 9007199254740993n + BigInt(i) }));
      const open = seqs.filter((s) => s.seq > after);
      const start = body.paging.cursor ?? 0;
      const hits = open.slice(start, start + body.paging.size);
      const next = start + body.paging.size < open.length ? start + body.paging.size : null;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`{"hits":[${hits.map((h) => json(h.o, h.seq)).join(",")}],"next":${next}}`);
    });
    servers.push(shop);
    const target = await sink();
    const ws = workspace("search-orders", shop.url, target.server.url);

    const first = await runCli(ws.args);
    expect(first.code, first.stderr).toBe(0);
    expect(target.received.map((r) => (r as { order_id: number }).order_id)).toEqual([
      100, 101, 102, 103, 104, 105, 106,
    ]);
    expect(bodies).toEqual([
      '{"query":"status:paid","paging":{"size":3}}',
      '{"query":"status:paid","paging":{"size":3,"cursor":3}}',
      '{"query":"status:paid","paging":{"size":3,"cursor":6}}',
    ]);

    published = 9;
    orders.push({ id: 107, total: "7.50" }, { id: 108, total: "8.50" });
    bodies.length = 0;
    target.received.length = 0;
    const second = await runCli(ws.args);
    expect(second.code, second.stderr).toBe(0);
    expect(target.received.map((r) => (r as { order_id: number }).order_id)).toEqual([107, 108]);
    // The saved cursor is the 7th order's seq, exactly, as a JSON number.
    expect(bodies).toEqual(['{"query":"status:paid","paging":{"size":3},"filter":{"seq_gt":9007199254740999}}']);
  }, 60_000);

  it("CSV export: a row with the wrong number of fields is dead-lettered with its row number; the others arrive", async () => {
    const pages: Record<string, string> = {
      "1": "sku;qty\nA-1;2\nA-2;3;extra\n",
      "2": "sku;qty\nB-1;5\n",
    };
    const reports = await startServer((req, res) => {
      const page = new URL(req.url, "http://x").searchParams.get("page") ?? "1";
      res.writeHead(200, { "content-type": "text/csv; charset=utf-8" });
      res.end(pages[page] ?? "sku;qty\n");
    });
    servers.push(reports);
    const target = await sink();
    const ws = workspace("report-rows", reports.url, target.server.url);
    const result = await runCli(ws.args);
    const summary = JSON.parse(result.stdout) as { status: string; counts: Record<string, number> };
    expect(target.received).toEqual([
      { sku: "A-1", quantity: "2" },
      { sku: "B-1", quantity: "5" },
    ]);
    expect(summary.counts.failed).toBe(1);
    const dead = readFileSync(ws.dead, "utf8").trim().split("\n");
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatch(/row 2 \(line 3\) of input page 1 .*: 3 fields, the header has 2/);
    expect(dead[0]).toContain("A-2;3;extra");
  }, 60_000);
});
