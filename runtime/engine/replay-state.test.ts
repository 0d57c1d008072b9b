/** `replay state` reads the rows it replays under the connector's lease, as the file replay moves its file. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { sendJson, startServer } from "../../test/support/http-server.js";
import { pagedArtifact } from "../../test/support/paged-source.js";
import { openStateStore } from "../state/index.js";
import { validateArtifact } from "../validate/index.js";
import { replayStateDeadLetters } from "./replay-state.js";

/** A real HTTP target and a SQLite state file, closed and deleted after the test. */
async function setUp() {
  const target = await startServer((_req, res) => sendJson(res, 201, {}));
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-replay-state-"));
  const store = openStateStore(path.join(dir, "state.db"));
  const tearDown = async () => {
    store.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { target, store, tearDown };
}

describe("replayStateDeadLetters", () => {
  it("reads the rows it replays and removes while holding the connector's lease", async () => {
    const { target, store, tearDown } = await setUp();
    onTestFinished(tearDown);
    const name = "replay-lease";
    const { artifact } = validateArtifact(
      pagedArtifact({ name, source: "http://127.0.0.1:9", target: target.url }),
      "replay.yaml",
    );
    const entry = { connector: name, seq: 0, record: { id: 7 }, status: 422, reason: "HTTP 422", attempts: 1 };
    await store.deadLetters.add({
      connector: name,
      executionId: "exec-0",
      seq: 0,
      reason: "HTTP 422",
      entry: JSON.stringify({ ...entry, responseExcerpt: "" }),
      createdAt: new Date(0).toISOString(),
    });
    // Each listing probes the lease: taken (and given back) by the probe means nobody held it.
    const heldAtListing: boolean[] = [];
    const probed = { ...store.deadLetters };
    probed.list = async (connector) => {
      const attempt = await store.leases.acquire(connector, 30_000);
      heldAtListing.push(!attempt.acquired);
      if (attempt.acquired) await store.leases.release(connector, attempt.token);
      return store.deadLetters.list(connector);
    };
    const probing = new Proxy(store, {
      get: (target, key) => (key === "deadLetters" ? probed : Reflect.get(target, key, target)),
    });

    const summary = await replayStateDeadLetters({ artifact: artifact!, store: probing, env: {} });
    expect(summary).toMatchObject({ status: "succeeded", replayed: 1, leftover: undefined });
    expect(target.requests).toHaveLength(1);
    // The first listing only checks the rows; the second gave the rows sent and removed, under the lease.
    expect(heldAtListing).toEqual([false, true]);
    expect(await store.deadLetters.list(name)).toEqual([]);
  });
});
