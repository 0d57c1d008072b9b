import { mkdtempSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runConnector } from "../runtime/engine/run.js";
import { openStateStore } from "../runtime/state/index.js";
import { validateArtifact } from "../runtime/validate/index.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { pagedArtifact, type SourceItem, startPagedSource } from "./support/paged-source.js";
import { waitFor } from "./support/spawn-cli.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function load(yaml: string) {
  const { artifact, diagnostics } = validateArtifact(yaml, "source-faults.yaml");
  expect(diagnostics).toEqual([]);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-srcfault-"));
  const store = openStateStore(path.join(dir, "state.db"));
  return { artifact: artifact!, store, deadLetterPath: path.join(dir, "dead.ndjson") };
}

/** Writes `chunks()` to the response while the client keeps reading; counts what was written. */
async function stream(res: ServerResponse, chunks: Iterable<string>, sent: { bytes: number; closed: boolean }) {
  res.on("close", () => {
    sent.closed = true;
  });
  for (const chunk of chunks) {
    if (sent.closed) return;
    sent.bytes += chunk.length;
    if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve).once("close", resolve));
  }
  res.end();
}

function* spaces(total: number): Iterable<string> {
  const block = " ".repeat(64 * 1024);
  yield '{"items": [';
  for (let written = 0; written < total; written += block.length) yield block;
  yield "]}";
}

/** `{"items":[{"i":0},{"i":1},...]}` with `count` elements, generated as it is sent. */
function* elements(count: number): Iterable<string> {
  yield '{"items":[';
  const perChunk = 4096;
  for (let start = 0; start < count; start += perChunk) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(count, start + perChunk); i++) parts.push(`{"i":${i}}`);
    yield (start === 0 ? "" : ",") + parts.join(",");
  }
  yield "]}";
}

const MB = 1024 * 1024;

describe("a source that answers too much", () => {
  it.each([
    { name: "a 500 MB body, default limit", body: () => spaces(500 * MB), limit: undefined, max: 32 * MB },
    { name: "a 500 MB body, limit 1 MiB", body: () => spaces(500 * MB), limit: MB, max: MB },
    { name: "a 10-million-element array, limit 4 MiB", body: () => elements(10_000_000), limit: 4 * MB, max: 4 * MB },
  ])("$name: the page fails at the limit naming the URL, with memory bounded", async ({ body, limit, max }) => {
    const sent = { bytes: 0, closed: false };
    const source = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      void stream(res, body(), sent);
    });
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(source, target);
    const settings = limit === undefined ? "" : `  limits: { maxResponseBytes: ${limit} }\n`;
    const { artifact, store, deadLetterPath } = load(
      pagedArtifact({ name: "huge", source: source.url, target: target.url, settings }),
    );
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const summary = await runConnector({ artifact, store, env: {}, deadLetterPath });
    store.close();
    expect(summary.status).toBe("failed");
    expect(summary.error).toContain(`exceeds the limit of ${max} bytes`);
    expect(summary.error).toContain(`${source.url}/items`);
    expect(performance.now() - started).toBeLessThan(10_000);
    // The connection was cut: the server stopped well short of the whole body.
    await waitFor(() => sent.closed, 5_000, "the source connection closed");
    expect(sent.bytes).toBeLessThan(max + 16 * MB);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(max + 128 * MB);
    expect(target.requests).toHaveLength(0);
  });

  it("a declared Content-Length above the limit is refused before reading the body", async () => {
    const source = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(500 * MB) });
      res.write('{"items": [');
    });
    servers.push(source);
    const settings = `  limits: { maxResponseBytes: ${MB} }\n`;
    const { artifact, store, deadLetterPath } = load(
      pagedArtifact({ name: "declared", source: source.url, target: source.url, settings }),
    );
    const summary = await runConnector({ artifact, store, env: {}, deadLetterPath });
    store.close();
    expect(summary.error).toMatch(/response body of 524288000 bytes exceeds the limit of 1048576 bytes/);
  });
});

describe("a source whose cursor cycles", () => {
  it("a → b → a: the run fails with a loop error in bounded time, each page fetched once", async () => {
    const pages: Record<string, { items: { id: string; name: string; updated: string }[]; next: string }> = {
      start: { items: [{ id: "1", name: "one", updated: "1" }], next: "a" },
      a: { items: [{ id: "2", name: "two", updated: "2" }], next: "b" },
      b: { items: [{ id: "3", name: "three", updated: "3" }], next: "a" },
    };
    const source = await startServer((req, res) => {
      const cursor = new URL(req.url, "http://x").searchParams.get("cursor") ?? "start";
      sendJson(res, 200, pages[cursor]);
    });
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(source, target);
    const { artifact, store, deadLetterPath } = load(
      pagedArtifact({ name: "cycle", source: source.url, target: target.url }),
    );
    const started = performance.now();
    const summary = await runConnector({ artifact, store, env: {}, deadLetterPath });
    store.close();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/already fetched in this run \(a\)/);
    expect(source.requests).toHaveLength(3);
    expect(summary.counts).toMatchObject({ read: 3, failed: 0 });
  });
});

/** 60 items whose cursor values come in groups of four: 0,0,0,0,1,1,1,1,... */
const tied: SourceItem[] = Array.from({ length: 60 }, (_, i) => ({
  id: `it-${String(i).padStart(2, "0")}`,
  name: `Item ${i}`,
  updated: `t-${String(Math.floor(i / 4)).padStart(2, "0")}`,
}));

describe("records tied on the incremental cursor", () => {
  // Pages of 25, batches of 10: the limits stop a run inside a tie group mid-page (30), at a page end
  // inside a tie group (50), and between two groups (44).
  it.each([
    { limit: 30, cursor: "t-06", reread: 2 },
    { limit: 50, cursor: "t-11", reread: 2 },
    { limit: 44, cursor: "t-10", reread: 0 },
  ])(
    "a run stopped after $limit records commits $cursor; the next run loses none ($reread re-sent)",
    async ({ limit, cursor, reread }) => {
      const source = await startPagedSource(tied, 25);
      const target = await startServer((_req, res) => sendJson(res, 200, {}));
      servers.push(source, target);
      const { artifact, store, deadLetterPath } = load(
        pagedArtifact({ name: "ties", source: source.url, target: target.url }),
      );
      const first = await runConnector({ artifact, store, env: {}, limit, deadLetterPath });
      expect(first).toMatchObject({ status: "succeeded", cursor, counts: { read: limit } });
      const second = await runConnector({ artifact, store, env: {}, deadLetterPath });
      store.close();
      expect(second.status).toBe("succeeded");
      const ids = target.requests.flatMap((r) => (JSON.parse(r.body) as { id: string }[]).map((x) => x.id));
      expect(new Set(ids).size).toBe(tied.length);
      expect(ids).toHaveLength(tied.length + reread);
    },
  );
});
