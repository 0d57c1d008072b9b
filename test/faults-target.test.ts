import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runConnector } from "../runtime/engine/run.js";
import { openStateStore } from "../runtime/state/index.js";
import { validateArtifact } from "../runtime/validate/index.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { items, pagedArtifact, startPagedSource } from "./support/paged-source.js";
import { waitFor } from "./support/spawn-cli.js";

/** CANNECTORS_SOAK=1: the target stays down for the full minute. */
const DOWN_MS = process.env.CANNECTORS_SOAK === "1" ? 60_000 : 3_000;

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function load(yaml: string) {
  const { artifact, diagnostics } = validateArtifact(yaml, "target-faults.yaml");
  expect(diagnostics).toEqual([]);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-tgtfault-"));
  const store = openStateStore(path.join(dir, "state.db"));
  return { artifact: artifact!, store, deadLetterPath: path.join(dir, "dead.ndjson") };
}

const ids = (target: TestServer) =>
  target.requests.flatMap((r) => (JSON.parse(r.body) as { id: string }[]).map((x) => x.id));

/** Open handles by type, as Node reports them (sockets, servers, timers...). */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

describe("target failures", () => {
  it("a hanging target: every attempt times out, the records are dead-lettered, sockets and handles return to baseline", async () => {
    const source = await startPagedSource(items(20), 20);
    const target = await startServer(() => {}); // accepts, reads, never answers
    servers.push(source, target);
    const settings = "  timeouts: { connect: 1s, request: 200ms }\n  concurrency: 2\n";
    const run = load(pagedArtifact({ name: "hanging", source: source.url, target: target.url, settings }));
    const baseline = handles();
    const started = performance.now();
    const summary = await runConnector({ ...run, env: {} });
    run.store.close();
    expect(summary).toMatchObject({ status: "failed", counts: { read: 20, sent: 0, failed: 20 } });
    // Two batches, three attempts each (settings.retries.maxAttempts), each cut at 200 ms.
    expect(target.requests).toHaveLength(6);
    expect(performance.now() - started).toBeLessThan(5_000);
    const dead = readFileSync(run.deadLetterPath, "utf8").trim().split("\n");
    expect(dead).toHaveLength(20);
    expect(dead[0]).toMatch(/timed out after 200 ms/);
    await waitFor(() => (handles().TCPSocketWrap ?? 0) <= (baseline.TCPSocketWrap ?? 0), 3_000, "sockets closed");
    for (const [type, count] of Object.entries(handles())) {
      expect(count, `${type} handles`).toBeLessThanOrEqual(baseline[type] ?? 0);
    }
  });

  it.each([
    { status: 503, requests: 2, retries: 1 },
    // The 200 says the target processed the batch: retrying would only duplicate it (docs/artifact.md §5.4).
    { status: 200, requests: 1, retries: 0 },
  ])("a connection reset after a $status's headers: $requests request(s), one Idempotency-Key", async (fault) => {
    const source = await startPagedSource(items(30), 30);
    const keys: string[] = [];
    const target = await startServer((req, res) => {
      keys.push(String(req.headers["idempotency-key"]));
      if (keys.length === 1) {
        res.writeHead(fault.status, { "content-type": "application/json", "content-length": "100" });
        res.write('{"ok":');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      sendJson(res, 200, { ok: true });
    });
    servers.push(source, target);
    const output = "  path: /sink\n  batch: { size: 30 }\n  idempotency: { key: record.id }\n";
    const run = load(pagedArtifact({ name: "reset", source: source.url, target: target.url, output }));
    const summary = await runConnector({ ...run, env: {} });
    run.store.close();
    expect(summary).toMatchObject({ status: "succeeded", counts: { sent: 30, failed: 0, retries: fault.retries } });
    expect(keys).toHaveLength(fault.requests);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it(
    `a target down for ${DOWN_MS / 1000} s: the source is not read past the in-flight limit, memory stays flat, everything arrives after it returns`,
    async () => {
      const data = items(3_000);
      const source = await startPagedSource(data, 100);
      servers.push(source);
      // Reserve a port, then leave it closed: connections are refused while the target is "down".
      const port = await new Promise<number>((resolve) => {
        const probe = createServer().listen(0, "127.0.0.1", () => {
          const { port } = probe.address() as AddressInfo;
          probe.close(() => resolve(port));
        });
      });
      const received: string[] = [];
      // 100 attempts, up to 1 s apart (no jitter): a budget longer than the outage, so nothing is dead-lettered.
      const retries = "  retries: { maxAttempts: 100, initialDelay: 50ms, maxDelay: 1s, jitter: none }\n";
      const yaml = pagedArtifact({
        name: "down",
        source: source.url,
        target: `http://127.0.0.1:${port}`,
        settings: "  concurrency: 2\n",
      }).replace(/ {2}retries: .*\n/, retries);
      const run = load(yaml);
      const heapBefore = process.memoryUsage().heapUsed;
      const pending = runConnector({ ...run, env: {} });
      await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
      // Two batches of 10 are waiting; one page is being consumed and one fetched ahead.
      expect(source.requests.length).toBeLessThanOrEqual(2);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
      const target: Server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => {
          body += chunk.toString();
        });
        req.on("end", () => {
          received.push(...(JSON.parse(body) as { id: string }[]).map((x) => x.id));
          sendJson(res, 200, {});
        });
      });
      await new Promise<void>((resolve) => target.listen(port, "127.0.0.1", resolve));
      try {
        const summary = await pending;
        expect(summary).toMatchObject({ status: "succeeded", counts: { read: 3_000, sent: 3_000, failed: 0 } });
        expect(received.sort()).toEqual(data.map((d) => d.id));
      } finally {
        run.store.close();
        target.closeAllConnections();
        await new Promise((resolve) => target.close(resolve));
      }
    },
    DOWN_MS + 30_000,
  );

  it("a slow target never has more than settings.concurrency requests in flight", async () => {
    const source = await startPagedSource(items(600), 100);
    let inFlight = 0;
    let peak = 0;
    const target = await startServer(async (_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 15));
      inFlight--;
      sendJson(res, 200, {});
    });
    servers.push(source, target);
    const settings = "  concurrency: 3\n";
    const run = load(pagedArtifact({ name: "slow", source: source.url, target: target.url, settings }));
    const summary = await runConnector({ ...run, env: {} });
    run.store.close();
    expect(summary).toMatchObject({ status: "succeeded", counts: { sent: 600 } });
    expect(peak).toBe(3);
    expect(ids(target)).toHaveLength(600);
  });

  it.each([
    { side: "target", status: 503, want: "failed", error: undefined },
    { side: "source", status: 429, want: "failed", error: /asks to retry after 86400000 ms/ },
  ])(
    "Retry-After: 86400 from the $side is capped: no day-long sleep ($want)",
    async ({ side, status, want, error }) => {
      const busy = (res: Parameters<Parameters<typeof startServer>[0]>[1]) =>
        sendJson(res, status, { error: "busy" }, { "retry-after": "86400" });
      const source =
        side === "source" ? await startServer((_req, res) => busy(res)) : await startPagedSource(items(5), 10);
      const target = await startServer((_req, res) => (side === "target" ? busy(res) : sendJson(res, 200, {})));
      servers.push(source, target);
      const run = load(pagedArtifact({ name: "retry-after", source: source.url, target: target.url }));
      const started = performance.now();
      const summary = await runConnector({ ...run, env: {} });
      run.store.close();
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(summary.status).toBe(want);
      if (error) expect(summary.error).toMatch(error);
      else {
        const dead = readFileSync(run.deadLetterPath, "utf8").trim().split("\n");
        expect(dead).toHaveLength(5);
        expect(dead[0]).toMatch(/Retry-After of 86400 s exceeds the cap \(60 s\)/);
      }
    },
  );
});
