import { afterEach, describe, expect, it } from "vitest";
import { createPrng } from "../examples/demo-apis/crm/prng.js";
import { runCli } from "./support/cli.js";
import type { TestServer } from "./support/http-server.js";
import { soakPipeline, soakState } from "./support/soak-pipeline.js";
import { spawnCli, waitFor } from "./support/spawn-cli.js";

/** CANNECTORS_SOAK=1 runs the figures (10 kills in a 100k run); CI runs a small variant. */
const SOAK = process.env.CANNECTORS_SOAK === "1";
const PLAN = SOAK ? { records: 100_000, kills: 10, batch: 100 } : { records: 10_000, kills: 3, batch: 100 };

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("SIGKILL at random moments of one run", () => {
  it(
    `${PLAN.kills} kills at seeded random points of a ${PLAN.records}-record run: nothing missing, ≤ ${PLAN.kills} batches re-sent (same keys), integrity ok after every kill`,
    async () => {
      const { data, state, args, batches, receivedRecords } = await soakPipeline(servers, PLAN.records, {
        batch: PLAN.batch,
        concurrency: 1,
      });
      const random = createPrng(20_261_122);
      const points = Array.from({ length: PLAN.kills }, () => Math.floor((0.05 + 0.9 * random()) * PLAN.records)).sort(
        (a, b) => a - b,
      );
      for (const point of points) {
        const run = spawnCli(args);
        const start = receivedRecords();
        // At least one batch into this run, so every kill lands inside a run, not before it.
        const goal = Math.max(point, start + PLAN.batch);
        await waitFor(() => receivedRecords() >= goal, 60_000, `${goal} records at the target`);
        run.child.kill("SIGKILL");
        const ended = await run.exited;
        expect(ended.signal, ended.stderr).toBe("SIGKILL");
        expect(soakState(state).integrity).toBe("ok");
      }
      const last = await runCli(args, { timeoutMs: 120_000 });
      expect(last.code, last.stderr).toBe(0);

      const all = batches();
      expect(new Set(all.flatMap((b) => b.ids)).size).toBe(data.length);
      const firstByKey = new Map<string, string[]>();
      let resent = 0;
      for (const batch of all) {
        const first = firstByKey.get(batch.key);
        if (first === undefined) firstByKey.set(batch.key, batch.ids);
        else {
          resent++;
          expect(batch.ids).toEqual(first);
        }
      }
      // Every duplicate record came in a re-sent batch with its first key: no other duplicates.
      expect(all.flatMap((b) => b.ids).length - data.length).toBe(resent * PLAN.batch);
      expect(resent).toBeLessThanOrEqual(PLAN.kills);
      const db = soakState(state);
      expect(db.integrity).toBe("ok");
      expect(db.executions.map((e) => e.status)).toEqual([...points.map(() => "failed"), "succeeded"]);
      if (SOAK) console.log(JSON.stringify({ records: data.length, kills: points, resentBatches: resent }));
    },
    SOAK ? 600_000 : 60_000,
  );
});

describe("SIGTERM half-way", () => {
  it("exits within the drain timeout, and the rerun delivers the rest with zero duplicates", async () => {
    const { data, args, batches, receivedRecords } = await soakPipeline(servers, 4_000, {
      batch: 20,
      concurrency: 4,
      delayMs: 5,
    });
    const run = spawnCli(args);
    await waitFor(() => receivedRecords() >= data.length / 2, 30_000, "half of the records at the target");
    const signalled = performance.now();
    run.child.kill("SIGTERM");
    const ended = await run.exited;
    // 30 s is the run's default drain timeout; a clean stop takes far less.
    expect(performance.now() - signalled).toBeLessThan(30_000);
    expect(ended.signal).toBeNull();
    expect(ended.code).toBe(1);
    expect(ended.stderr).toMatch(/SIGTERM: finishing the batches in flight/);
    expect(ended.stderr).toMatch(/cancelled/);
    expect(receivedRecords()).toBeLessThan(data.length);

    const rerun = await runCli(args, {});
    expect(rerun.code, rerun.stderr).toBe(0);
    const ids = batches().flatMap((b) => b.ids);
    expect(ids).toHaveLength(data.length);
    expect(new Set(ids).size).toBe(data.length);
  });
});
