import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoApis, startDemoApis } from "../examples/demo-apis/index.js";
import { ROOT, runCli } from "./support/cli.js";
import { DEMO_ENV, demoWorkspace, runArgs } from "./support/demo-connector.js";
import { startServer, type TestServer } from "./support/http-server.js";

const SPEC = path.join(ROOT, "examples/demo-apis/crm/openapi.yaml");
let apis: DemoApis;
let renamed: TestServer;

beforeAll(async () => {
  apis = await startDemoApis();
  // The demo CRM after an upgrade: `email` is now `email_address`, and `balance` a number.
  renamed = await startServer(async (req, res) => {
    const answer = await fetch(`${apis.crmUrl}${req.url}`, {
      headers: { "x-api-key": String(req.headers["x-api-key"]) },
    });
    const body = (await answer.json()) as { data?: Record<string, unknown>[] };
    for (const customer of body.data ?? []) {
      customer.email_address = customer.email;
      delete customer.email;
      customer.balance = Number(customer.balance);
    }
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
});

afterAll(async () => {
  await Promise.all([renamed?.close(), apis?.close()]);
});

const withContract = (mode: string) => (yaml: string) =>
  yaml.replace(
    "  path: /customers\n",
    `  path: /customers\n  contract: { spec: ${SPEC}, mode: ${mode}, sampleEvery: 10 }\n`,
  );

describe("contract drift at run time (input.contract)", () => {
  it("a field renamed by the source is reported as drift, and shown by executions show", async () => {
    const ws = demoWorkspace({ crmUrl: renamed.url, erpUrl: apis.erpUrl }, withContract("warn"));
    const run = await runCli([...runArgs(ws), "--json"], { env: DEMO_ENV, cwd: ws.dir });
    expect(run.stderr).toContain("source contract drift");
    expect(run.stderr).toContain("new field email_address (string)");
    expect(run.stderr).toContain("required field email missing");
    expect(run.stderr).toContain("balance is number, the contract says string");
    const { executionId } = JSON.parse(run.stdout) as { executionId: string };
    const shown = await runCli(["executions", "show", executionId, "--state", ws.state], { cwd: ws.dir });
    expect(shown.stdout).toContain("contract drift (source):");
    expect(shown.stdout).toContain("  new field email_address (string)");
  });

  it("strict mode fails the run on the first drift, before anything is sent", async () => {
    const before = apis.erp.clients.size;
    const ws = demoWorkspace({ crmUrl: renamed.url, erpUrl: apis.erpUrl }, withContract("strict"));
    const run = await runCli([...runArgs(ws), "--json"], { env: DEMO_ENV, cwd: ws.dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "failed", counts: { sent: 0 } });
    expect(run.stderr).toMatch(/source contract drift \(strict\): .* against GET \/customers/);
    expect(apis.erp.clients.size).toBe(before);
  });

  it("the unchanged demo CRM shows no drift", async () => {
    const ws = demoWorkspace(apis, withContract("strict"));
    const run = await runCli(runArgs(ws), { env: DEMO_ENV, cwd: ws.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("drift");
  });

  it("an operation the spec lacks is a config error at input.contract, exit 2, before any request", async () => {
    const ws = demoWorkspace(apis, (y) =>
      withContract("warn")(y).replace("mode: warn", "mode: warn, operation: GET /people"),
    );
    const result = await runCli(["validate", ws.connector]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /connector\.yaml:\d+:\d+ input\.contract CANNECTORS_E_CONTRACT .*has no operation GET \/people/,
    );
  });
});

const ERP_SPEC = path.join(ROOT, "examples/demo-apis/erp/openapi.yaml");
const withTargetContract = (yaml: string) =>
  yaml.replace("  path: /clients/batch\n", `  path: /clients/batch\n  contract: { spec: ${ERP_SPEC} }\n`);

describe("dry runs checked against the target's contract (output.contract)", () => {
  it("a string planted into an integer field is caught: the record fails the dry run, exit 1", async () => {
    const ws = demoWorkspace(apis, (yaml) =>
      withTargetContract(yaml).replace("expr: toCents(record.balance)", "expr: string(toCents(record.balance))"),
    );
    const dry = await runCli(
      [...runArgs(ws), "--dry-run", "--out", `${ws.dir}/plan.ndjson`, "--limit", "30", "--json"],
      {
        env: DEMO_ENV,
        cwd: ws.dir,
      },
    );
    expect(dry.code).toBe(1);
    // Every record of the 30 fails: the dry run ends failed, as a run would.
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: "failed", dryRun: true });
    expect(dry.stderr).toMatch(
      /the target.s contract refuses the body: record seq \d+ at \/clients\/0\/balance_cents: must be integer/,
    );
  });

  it("the example as it is passes its dry run against the ERP's contract", async () => {
    const ws = demoWorkspace(apis, withTargetContract);
    const dry = await runCli([...runArgs(ws), "--dry-run", "--out", `${ws.dir}/plan.ndjson`, "--json"], {
      env: DEMO_ENV,
      cwd: ws.dir,
    });
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: "succeeded", counts: { failed: 0 } });
  });
});
