import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { expectedClients } from "../examples/crm-to-erp/index.js";
import { type DemoApis, startDemoApis } from "../examples/demo-apis/index.js";
import { runCli } from "./support/cli.js";
import { DEMO_ENV, demoWorkspace, runArgs } from "./support/demo-connector.js";
import { spawnCli, waitFor } from "./support/spawn-cli.js";

let apis: DemoApis | undefined;
afterEach(async () => {
  await apis?.close();
  apis = undefined;
});

describe("a run killed half-way", () => {
  // Batches in flight when the process dies may have reached the target without their
  // acknowledgement being recorded: the bound on re-sent batches is settings.concurrency.
  it.each([
    { concurrency: 1, maxResent: 1 },
    { concurrency: 4, maxResent: 4 },
  ])(
    "resumes after SIGKILL with concurrency $concurrency: every record arrives, at most $maxResent batch(es) again, with the same Idempotency-Keys",
    async ({ concurrency, maxResent }) => {
      apis = await startDemoApis({ customers: 20_000 });
      const demo = apis;
      const expected = expectedClients(demo.crm.customers);
      const ws = demoWorkspace(demo, (yaml) =>
        yaml
          .replace("requestsPerSecond: 50", "requestsPerSecond: 400")
          .replace("concurrency: 4", `concurrency: ${concurrency}`),
      );

      const first = spawnCli(runArgs(ws), DEMO_ENV);
      await waitFor(() => demo.erp.received >= expected.length / 2, 60_000, "half of the records at the ERP");
      first.child.kill("SIGKILL");
      const killed = await first.exited;
      expect(killed.signal).toBe("SIGKILL");
      const atKill = demo.erp.received;
      expect(atKill).toBeLessThan(expected.length);

      const second = await runCli(runArgs(ws, "--json"), { env: DEMO_ENV });
      expect(second.code, second.stderr).toBe(0);

      const delivered = [...demo.erp.clients.values()].sort((a, b) => a.client_id.localeCompare(b.client_id));
      expect(delivered).toEqual(expected);
      // A batch sent again carried the Idempotency-Key of its first delivery, so the ERP answered it
      // from its idempotency store instead of storing it twice.
      expect(demo.erp.duplicates).toBe(0);
      expect(demo.erp.idempotentReplays).toBeLessThanOrEqual(maxResent);
      expect(demo.erp.received).toBe(expected.length);

      const db = new Database(ws.state, { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        const statuses = db.prepare("SELECT status FROM executions ORDER BY started_at").pluck().all();
        expect(statuses).toEqual(["failed", "succeeded"]);
      } finally {
        db.close();
      }
    },
    120_000,
  );
});
