import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { expectedClients } from "../examples/crm-to-erp/index.js";
import { type DemoApis, generateCustomers, startDemoApis } from "../examples/demo-apis/index.js";
import { runCli } from "./support/cli.js";
import { sendJson, startServer } from "./support/http-server.js";
import { DEMO_ENV, demoWorkspace, runArgs } from "./support/demo-connector.js";

let apis: DemoApis | undefined;
afterEach(async () => {
  await apis?.close();
  apis = undefined;
});

function sortedClients(api: DemoApis) {
  return [...api.erp.clients.values()].sort((a, b) => a.client_id.localeCompare(b.client_id));
}

describe("cannectors run on the demo APIs", () => {
  it("delivers exactly what the plain-TypeScript oracle computes, then syncs incrementally", async () => {
    apis = await startDemoApis({ customers: 420 });
    const ws = demoWorkspace(apis);

    const first = await runCli(runArgs(ws, "--json"), { env: DEMO_ENV });
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ status: "succeeded", counts: { read: 420, failed: 0 } });
    expect(sortedClients(apis)).toEqual(expectedClients(apis.crm.customers));
    expect(summary.counts.sent + summary.counts.filtered).toBe(420);
    expect(apis.erp.duplicates).toBe(0);
    expect(apis.erp.tokensIssued).toBe(1);

    const added = apis.crm.addCustomers(7);
    const second = await runCli(runArgs(ws, "--json"), { env: DEMO_ENV });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).counts.read).toBe(7);
    expect(JSON.parse(second.stdout).cursor).toBe(added[6]!.updated_at);
    expect(sortedClients(apis)).toEqual(expectedClients(apis.crm.customers));
    expect(apis.erp.duplicates).toBe(0);

    const third = await runCli(runArgs(ws, "--json"), { env: DEMO_ENV });
    expect(JSON.parse(third.stdout).counts.read).toBe(0);
  });

  it("dry-run is byte-identical across runs, sends nothing and writes no cursor", async () => {
    apis = await startDemoApis({ customers: 230 });
    const ws = demoWorkspace(apis);
    const outA = path.join(ws.dir, "a.ndjson");
    const outB = path.join(ws.dir, "b.ndjson");

    const a = await runCli(runArgs(ws, "--dry-run", "--out", outA), { env: DEMO_ENV });
    const b = await runCli(runArgs(ws, "--dry-run", "--out", outB), { env: DEMO_ENV });
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const planned = readFileSync(outA, "utf8");
    expect(planned).toBe(readFileSync(outB, "utf8"));
    expect(apis.erp.requests).toBe(0);
    expect(apis.erp.tokensIssued).toBe(0);

    const requests = planned
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const expected = expectedClients(apis.crm.customers);
    expect(requests).toHaveLength(Math.ceil(expected.length / 50));
    expect(requests[0]).toMatchObject({ method: "POST", url: `${apis.erpUrl}/clients/batch` });
    expect(requests[0].headers.authorization).toBe("***");
    expect(requests.flatMap((r) => r.body.clients)).toEqual(expected);

    // No cursor was written: a real run afterwards still reads everything.
    const real = await runCli(runArgs(ws, "--json"), { env: DEMO_ENV });
    expect(JSON.parse(real.stdout).counts.read).toBe(230);
  });

  it("two real runs over the same data send identical requests to the target", async () => {
    const runs: string[][] = [];
    for (let round = 0; round < 2; round++) {
      apis = await startDemoApis({ customers: 300 });
      const target = await startServer((req, res) => {
        if (req.url === "/oauth/token")
          return sendJson(res, 200, { access_token: "tok-determinism", expires_in: 3600 });
        sendJson(res, 200, { ok: true });
      });
      const ws = demoWorkspace({ crmUrl: apis.crmUrl, erpUrl: target.url });
      const result = await runCli(runArgs(ws), { env: DEMO_ENV });
      expect(result.code, result.stderr).toBe(0);
      // Batches run concurrently, so arrival order may vary; the multiset of requests may not.
      runs.push(
        target.requests
          .filter((r) => r.url !== "/oauth/token")
          .map((r) =>
            JSON.stringify([r.method, r.url, r.headers["idempotency-key"], r.headers["content-type"], r.body]),
          )
          .sort(),
      );
      await target.close();
      await apis.close();
      apis = undefined;
    }
    expect(runs[0]).toHaveLength(Math.ceil(expectedClients(generateCustomers(300)).length / 50));
    expect(runs[0]).toEqual(runs[1]);
  });
});
