import { mkdtempSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runConnector } from "../runtime/engine/run.js";
import { openStateStore } from "../runtime/state/index.js";
import { validateArtifact } from "../runtime/validate/index.js";
import { startServer, type TestServer } from "./support/http-server.js";
import { items, pagedArtifact, startPagedSource } from "./support/paged-source.js";
import { waitFor } from "./support/spawn-cli.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A paged source and a target that holds every request until `release()`. */
async function stalledPipeline(count: number) {
  const data = items(count);
  const source = await startPagedSource(data, 100);
  const held: ServerResponse[] = [];
  let stalled = true;
  const target = await startServer((_req, res) => {
    if (stalled) held.push(res);
    else res.end("{}");
  });
  servers.push(source, target);
  const release = () => {
    stalled = false;
    for (const res of held.splice(0)) res.end("{}");
  };
  return { data, source, target, held, release };
}

describe("back-pressure", () => {
  it("does not read the source far ahead of a stalled target, then delivers everything once it recovers", async () => {
    const { data, source, target, held, release } = await stalledPipeline(5_000);
    const text = pagedArtifact({
      name: "stalled",
      source: source.url,
      target: target.url,
      settings: "  concurrency: 2\n",
    });
    const { artifact, diagnostics } = validateArtifact(text, "stalled.yaml");
    expect(diagnostics).toEqual([]);
    const store = openStateStore(path.join(mkdtempSync(path.join(tmpdir(), "cannectors-bp-")), "state.db"));

    const run = runConnector({ artifact: artifact!, store, env: {} });
    await waitFor(() => held.length === 2, 10_000, "two batches in flight at the stalled target");
    await new Promise((resolve) => setTimeout(resolve, 300));
    // 2 batches of 10 in flight, the rest of the current page buffered, at most one page prefetched.
    expect(held).toHaveLength(2);
    expect(source.requests.length).toBeLessThanOrEqual(2);

    release();
    const summary = await run;
    await store.close();
    expect(summary).toMatchObject({ status: "succeeded", counts: { read: 5_000, sent: 5_000 } });
    expect(source.requests).toHaveLength(50);
    const ids = target.requests.flatMap((r) => JSON.parse(r.body).map((x: { id: string }) => x.id)).sort();
    expect(ids).toEqual(data.map((d) => d.id));
  });
});

describe("graceful stop", () => {
  it("lets in-flight batches finish, commits their cursor, and a rerun delivers the rest with no duplicate", async () => {
    const { data, source, target, held, release } = await stalledPipeline(3_000);
    const text = pagedArtifact({
      name: "stopped",
      source: source.url,
      target: target.url,
      settings: "  concurrency: 3\n",
    });
    const { artifact } = validateArtifact(text, "stopped.yaml");
    const store = openStateStore(path.join(mkdtempSync(path.join(tmpdir(), "cannectors-stop-")), "state.db"));
    const stop = new AbortController();

    const run = runConnector({ artifact: artifact!, store, env: {}, signal: stop.signal });
    await waitFor(() => held.length === 3, 10_000, "three batches in flight");
    stop.abort(new Error("SIGTERM"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    const stopped = await run;
    expect(stopped).toMatchObject({ status: "cancelled", counts: { sent: 30 } });
    expect(target.requests).toHaveLength(3);
    expect(stopped.cursor).toBe(data[29]!.updated);
    expect(await store.getCursor("stopped")).toBe(data[29]!.updated);

    const rerun = await runConnector({ artifact: artifact!, store, env: {} });
    await store.close();
    expect(rerun).toMatchObject({ status: "succeeded", counts: { read: 2_970, sent: 2_970 } });
    // Batches of a run arrive in any order; across both runs every record arrives exactly once.
    const ids = target.requests.flatMap((r) => JSON.parse(r.body).map((x: { id: string }) => x.id)).sort();
    expect(ids).toEqual(data.map((d) => d.id));
  });

  it("aborts what is still in flight after the drain timeout", async () => {
    const source = await startPagedSource(items(500), 100);
    const target = await startServer(() => {}); // never answers
    servers.push(source, target);
    const text = pagedArtifact({ name: "hung", source: source.url, target: target.url });
    const { artifact } = validateArtifact(text, "hung.yaml");
    const store = openStateStore(path.join(mkdtempSync(path.join(tmpdir(), "cannectors-hung-")), "state.db"));
    const stop = new AbortController();
    const run = runConnector({ artifact: artifact!, store, env: {}, signal: stop.signal, drainTimeoutMs: 50 });
    await waitFor(() => target.requests.length > 0, 10_000, "a request at the hung target");
    stop.abort(new Error("SIGTERM"));
    const summary = await run;
    await store.close();
    expect(summary.status).toBe("cancelled");
    expect(summary.counts.sent).toBe(0);
    expect(summary.cursor).toBeUndefined();
  });
});
