import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { items, pagedArtifact, startPagedSource } from "./support/paged-source.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function workspace(yaml: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-faults-"));
  const file = path.join(dir, "connector.yaml");
  writeFileSync(file, yaml);
  const state = path.join(dir, "state.db");
  const deadLetter = path.join(dir, "dead.ndjson");
  return { dir, file, state, deadLetter, args: ["run", file, "--state", state, "--dead-letter", deadLetter] };
}

function savedCursor(state: string, connector: string): string | undefined {
  const db = new Database(state, { readonly: true });
  try {
    return db.prepare("SELECT value FROM cursors WHERE connector = ?").pluck().get(connector) as string | undefined;
  } finally {
    db.close();
  }
}

const sentIds = (target: TestServer) =>
  target.requests.flatMap((r) => [JSON.parse(r.body)].flat().map((x: { id: string }) => x.id));

describe("faults seen through the CLI", () => {
  it("400 for some records: those go to the dead letter, the rest are delivered, the run is partial and exits 1", async () => {
    const data = items(45);
    const source = await startPagedSource(data, 20);
    const target = await startServer((req, res) => {
      const id = req.url.split("/").pop() ?? "";
      if (id.endsWith("7")) return sendJson(res, 400, { error: `client ${id} refused` });
      sendJson(res, 200, { ok: true });
    });
    servers.push(source, target);
    const ws = workspace(
      pagedArtifact({
        name: "partial",
        source: source.url,
        target: target.url,
        output: "  path: /clients/{id}\n  method: PUT\n",
      }),
    );

    const result = await runCli([...ws.args, "--json"], {});
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    const refused = data.filter((d) => d.id.endsWith("7")).map((d) => d.id);
    expect(summary).toMatchObject({
      status: "partial",
      counts: { read: 45, sent: 45 - refused.length, failed: refused.length },
    });
    const dead = readFileSync(ws.deadLetter, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(dead.map((d) => d.record.id)).toEqual(refused);
    expect(dead[0]).toMatchObject({ status: 400, record: { label: "ITEM 7" } });
    expect(dead[0].responseExcerpt).toContain("client it-00007 refused");
    const delivered = target.requests.filter((r) => !r.url.endsWith("7")).map((r) => r.url);
    expect(delivered).toHaveLength(45 - refused.length);
    // Dead-lettered records are settled: the cursor still moves to the end.
    expect(savedCursor(ws.state, "partial")).toBe(data[44]!.updated);
  });

  it("a truncated JSON page fails the run naming the page; the cursor stays within the pages before it, short of a possible tie", async () => {
    const data = items(50);
    const source = await startPagedSource(data, 10, (page, _req, res) => {
      if (page !== 3) return false;
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"items": [{"id": "it-00021", "na');
      return true;
    });
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(source, target);
    const ws = workspace(pagedArtifact({ name: "truncated", source: source.url, target: target.url }));

    const result = await runCli(ws.args, {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/CANNECTORS_E_PAGE_INVALID|page 3/);
    expect(result.stderr).toContain("page 3");
    expect(sentIds(target)).toEqual(data.slice(0, 20).map((d) => d.id));
    // Page 3 never arrived, so whether record 21 shares record 20's cursor value is unknown: the
    // cursor stops at record 19's value rather than risk skipping a tie (see tie-safe-cursor.ts).
    expect(savedCursor(ws.state, "truncated")).toBe(data[18]!.updated);

    // The next run resumes after record 19, so nothing is skipped once the source is fixed.
    const fixed = await startPagedSource(data, 10);
    servers.push(fixed);
    writeFileSync(ws.file, pagedArtifact({ name: "truncated", source: fixed.url, target: target.url }));
    const again = await runCli(ws.args, {});
    expect(again.code, again.stderr).toBe(0);
    expect(sentIds(target)).toEqual([...data.slice(0, 20), ...data.slice(19)].map((d) => d.id));
  });

  it("a source page answering 500 twice is retried: no page skipped or repeated", async () => {
    const data = items(30);
    const failures = new Map<number, number>();
    const source = await startPagedSource(data, 10, (page, _req, res) => {
      const seen = failures.get(page) ?? 0;
      if (page !== 2 || seen >= 2) return false;
      failures.set(page, seen + 1);
      sendJson(res, 500, { error: "boom" });
      return true;
    });
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(source, target);
    const ws = workspace(pagedArtifact({ name: "flaky-source", source: source.url, target: target.url }));
    const result = await runCli(ws.args, {});
    expect(result.code, result.stderr).toBe(0);
    expect(source.requests.map((r) => new URL(r.url, "http://x").searchParams.get("cursor"))).toEqual([
      null,
      "10",
      "10",
      "10",
      "20",
    ]);
    expect(sentIds(target)).toEqual(data.map((d) => d.id));
    expect(result.stderr, result.stderr).toMatch(/failed 0 {2}retried 2\n/);
  });

  it("refuses link-local and cloud-metadata addresses without connecting", async () => {
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(target);
    const ws = workspace(pagedArtifact({ name: "metadata", source: "http://169.254.169.254", target: target.url }));
    const result = await runCli(ws.args, {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/169\.254\.169\.254/);
    expect(result.stderr).toMatch(/link-local|metadata|blocked/i);
    expect(target.requests).toHaveLength(0);
  });

  it("--limit stops after N source records", async () => {
    const source = await startPagedSource(items(100), 10);
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(source, target);
    const ws = workspace(pagedArtifact({ name: "limited", source: source.url, target: target.url }));
    const result = await runCli([...ws.args, "--limit", "25", "--json"], {});
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).counts.read).toBe(25);
    expect(sentIds(target)).toHaveLength(25);
    expect(source.requests.length).toBeLessThanOrEqual(4);
  });
});
