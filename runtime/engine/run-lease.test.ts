import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../../test/support/http-server.js";
import { items, pagedArtifact, startPagedSource } from "../../test/support/paged-source.js";
import { openStateStore, type StateStore } from "../state/index.js";
import { validateArtifact } from "../validate/index.js";
import { runConnector } from "./run.js";

const servers: TestServer[] = [];
const stores: StateStore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function setUp(name: string) {
  const source = await startPagedSource(items(12), 5);
  const target = await startServer((_req, res) => sendJson(res, 200, {}));
  servers.push(source, target);
  const { artifact } = validateArtifact(pagedArtifact({ name, source: source.url, target: target.url }), "lease.yaml");
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-run-lease-"));
  dirs.push(dir);
  const store = openStateStore(path.join(dir, "state.db"));
  stores.push(store);
  return { artifact: artifact!, store, deadLetterPath: path.join(dir, "dead.ndjson"), target };
}

/** A real SQLite failure where recording the run's end writes: a trigger refusing the final status. */
function failFinishExecution(file: string): void {
  const db = new Database(file);
  db.exec(`CREATE TRIGGER refuse_finish BEFORE UPDATE OF status ON executions WHEN NEW.status != 'running'
    BEGIN SELECT RAISE(ABORT, 'injected: the run cannot be recorded'); END`);
  db.close();
}

describe("runConnector's lease", () => {
  it("is released when recording the run's end (finishExecution) throws", async () => {
    const run = await setUp("finish-throws");
    failFinishExecution(run.store.path);
    await expect(runConnector({ ...run, env: {} })).rejects.toThrow(/injected: the run cannot be recorded/);
    // The records went out; the throw came after them.
    expect(run.target.requests.length).toBeGreaterThan(0);
    const next = await run.store.leases.acquire("finish-throws", 30_000);
    expect(next.acquired).toBe(true);
  });

  it("is released when the run starts on a state database it cannot record in", async () => {
    const run = await setUp("start-throws");
    const db = new Database(run.store.path);
    db.exec(`CREATE TRIGGER refuse_start BEFORE INSERT ON executions
      BEGIN SELECT RAISE(ABORT, 'injected: no new execution'); END`);
    db.close();
    await expect(runConnector({ ...run, env: {} })).rejects.toThrow(/injected: no new execution/);
    expect(run.target.requests).toHaveLength(0);
    expect((await run.store.leases.acquire("start-throws", 30_000)).acquired).toBe(true);
  });

  it("is released after a successful run and held by nobody else meanwhile", async () => {
    const run = await setUp("plain");
    let heldDuringRun: boolean | undefined;
    const summary = await runConnector({
      ...run,
      env: {},
      onProgress: () => {
        // SQLite answers synchronously: the promise is already settled when it is handed back.
        void run.store.leases.acquire("plain", 30_000).then((attempt) => {
          heldDuringRun ??= !attempt.acquired;
        });
      },
    });
    expect(summary.status).toBe("succeeded");
    expect(heldDuringRun).toBe(true);
    expect((await run.store.leases.acquire("plain", 30_000)).acquired).toBe(true);
  });
});
