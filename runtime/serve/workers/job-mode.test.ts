/**
 * The supervisor with a job engine (a fake one here, pg-boss in test/serve-workers.e2e.test.ts):
 * accepted deliveries and schedule fires become requests instead of local runs, and a job whose
 * connector is leased by another run is not run beside it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../../../test/support/http-server.js";
import { openStateStore, type StateStore } from "../../state/index.js";
import type { Supervisor } from "../supervisor.js";
import type { JobEngine, RunRequest } from "./job-engine.js";
import { deliver, hookSupervisor } from "./test-support.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Records requests; each takes `delayMs` to "commit", so concurrent ones can be seen coalescing. */
function fakeEngine(delayMs = 0) {
  const requests: RunRequest[] = [];
  const engine: JobEngine = {
    request: async (request) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      requests.push(request);
    },
    work: async () => undefined,
    healthy: async () => true,
    pause: async () => undefined,
    stop: async () => undefined,
  };
  return { engine, requests };
}

async function rig(target: TestServer, engine: JobEngine): Promise<{ supervisor: Supervisor; store: StateStore }> {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-job-mode-"));
  const store = openStateStore(path.join(dir, "state.db"));
  const supervisor = await hookSupervisor(store, engine, target);
  cleanups.push(async () => {
    await supervisor.stop(2000);
    await store.close();
  });
  return { supervisor, store };
}

describe("serve with a job engine", () => {
  it("turns accepted deliveries into requests (coalesced while one is being added) and runs nothing itself", async () => {
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    cleanups.push(() => target.close());
    const { engine, requests } = fakeEngine(30);
    const { supervisor, store } = await rig(target, engine);
    const answers = await Promise.all(["a", "b", "c", "d"].map((id) => deliver(supervisor, id)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    // The first request, then one more for everything accepted while it was being added.
    expect(requests).toEqual([
      { connector: "hooks", kind: "webhook" },
      { connector: "hooks", kind: "webhook" },
    ]);
    expect(target.requests).toHaveLength(0);
    expect(await store.webhooks.depth("hooks")).toBe(4);

    // The job runs wherever it is taken: here, once.
    expect(await supervisor.runJob({ connector: "hooks", kind: "webhook" })).toBe("done");
    expect(target.requests.map((r) => JSON.parse(r.body).id).sort()).toEqual(["a", "b", "c", "d"]);
    expect(await store.webhooks.depth("hooks")).toBe(0);
  });

  it("ends a webhook job while another run holds the connector's lease (that run looks again once done)", async () => {
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    cleanups.push(() => target.close());
    const { engine } = fakeEngine();
    const { supervisor, store } = await rig(target, engine);
    expect((await deliver(supervisor, "x")).status).toBe(202);
    const lease = await store.leases.acquire("hooks", 60_000);
    if (!lease.acquired) throw new Error("lease not taken");
    expect(await supervisor.runJob({ connector: "hooks", kind: "webhook" })).toBe("done");
    expect(target.requests).toHaveLength(0);
    await store.leases.release("hooks", lease.token);
    expect(await supervisor.runJob({ connector: "hooks", kind: "webhook" })).toBe("done");
    expect(target.requests.map((r) => JSON.parse(r.body).id)).toEqual(["x"]);
  });

  it("ends a job for a connector this process does not load, and one with nothing queued, without a run", async () => {
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    cleanups.push(() => target.close());
    const { supervisor, store } = await rig(target, fakeEngine().engine);
    expect(await supervisor.runJob({ connector: "elsewhere", kind: "poll" })).toBe("done");
    expect(await supervisor.runJob({ connector: "hooks", kind: "webhook" })).toBe("done");
    expect(await store.listExecutions()).toEqual([]);
  });

  it("gives every job back once the process is stopping", async () => {
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    cleanups.push(() => target.close());
    const { supervisor } = await rig(target, fakeEngine().engine);
    expect((await deliver(supervisor, "y")).status).toBe(202);
    await supervisor.stop(1000);
    expect(await supervisor.runJob({ connector: "hooks", kind: "webhook" })).toBe("retry");
    expect(target.requests).toHaveLength(0);
  });
});
