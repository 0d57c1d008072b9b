import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { runConnector } from "../runtime/engine/run.js";
import { openStateStore } from "../runtime/state/index.js";
import { validateArtifact } from "../runtime/validate/index.js";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { items, pagedArtifact, startPagedSource } from "./support/paged-source.js";
import { soakPipeline, soakState } from "./support/soak-pipeline.js";
import { spawnCli, waitFor } from "./support/spawn-cli.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("two processes on one connector", () => {
  it("the second is refused with exit 3 naming the holder; the first finishes alone and owns every cursor write", async () => {
    const { data, state, args, batches, receivedRecords } = await soakPipeline(servers, 1_000, {
      batch: 10,
      concurrency: 1,
      delayMs: 10,
    });
    const first = spawnCli(args);
    await waitFor(() => receivedRecords() >= 50, 30_000, "the first run under way");
    const second = await runCli(args, {});
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`connector soak is already running (pid ${first.child.pid} on`);
    const finished = await first.exited;
    expect(finished.code, finished.stderr).toBe(0);

    const db = soakState(state);
    expect(db.executions).toHaveLength(1);
    expect(db.executions[0]!.status).toBe("succeeded");
    expect(db.cursorExecution).toBe(db.executions[0]!.id);
    expect(batches().flatMap((b) => b.ids)).toEqual(data.map((d) => d.id));

    // The lease is released at the end: the next run starts (and finds nothing new).
    const third = await runCli([...args, "--json"], {});
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout).counts.read).toBe(0);
  });
});

describe("a run whose lease is taken over", () => {
  it("stops with CANNECTORS_E_LEASE_LOST and writes no cursor after the takeover", async () => {
    const data = items(600);
    const source = await startPagedSource(data, 50);
    const target = await startServer(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      sendJson(res, 200, {});
    });
    servers.push(source, target);
    const settings = "  concurrency: 1\n";
    const { artifact } = validateArtifact(
      pagedArtifact({ name: "stolen", source: source.url, target: target.url, settings }),
      "stolen.yaml",
    );
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-stolen-"));
    const state = path.join(dir, "state.db");
    const store = openStateStore(state);
    const run = runConnector({
      artifact: artifact!,
      store,
      env: {},
      leaseTtlMs: 300,
      deadLetterPath: path.join(dir, "dl"),
    });
    await waitFor(() => target.requests.length >= 5, 10_000, "the run under way");
    // Another process took the lease over (as it would after an expiry).
    const raw = new Database(state);
    raw.prepare("UPDATE leases SET token = 'thief', pid = 1, host = 'elsewhere' WHERE connector = 'stolen'").run();
    const cursorAtTakeover = raw.prepare("SELECT value FROM cursors WHERE connector = 'stolen'").pluck().get();
    raw.close();
    const summary = await run;
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/lease/);
    expect(summary.counts.sent).toBeLessThan(data.length);
    expect(await store.getCursor("stolen")).toBe(cursorAtTakeover);
    // The thief's lease is left alone.
    expect(await store.leases.holds("stolen", "thief")).toBe(true);
    await store.close();
  });
});
