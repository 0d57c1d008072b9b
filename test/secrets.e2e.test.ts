import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type DemoApis, startDemoApis } from "../examples/demo-apis/index.js";
import { type CliResult, runCli } from "./support/cli.js";
import { DEMO_ENV, demoWorkspace, runArgs, type Workspace } from "./support/demo-connector.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

const ACCESS_TOKEN = "canary-access-token-5b8e0c7d1f";

/** Every form a leaked secret could take in text: raw, base64, base64url, URL-encoded, inside basic auth. */
function forms(secret: string): string[] {
  return [
    secret,
    Buffer.from(secret).toString("base64"),
    Buffer.from(secret).toString("base64url"),
    encodeURIComponent(secret),
  ];
}

const CANARIES = [...Object.values(DEMO_ENV), ACCESS_TOKEN];
const BASIC = Buffer.from(`${DEMO_ENV.ERP_CLIENT_ID}:${DEMO_ENV.ERP_CLIENT_SECRET}`).toString("base64");

/** stdout, stderr, and every file the run left (SQLite main file and WAL, dead letter, dry-run output). */
function everything(result: CliResult, ws: Workspace): Record<string, string> {
  const out: Record<string, string> = { stdout: result.stdout, stderr: result.stderr };
  for (const name of readdirSync(ws.dir)) {
    if (name === "connector.yaml") continue;
    out[name] = readFileSync(path.join(ws.dir, name)).toString("latin1");
  }
  return out;
}

function expectNoCanary(texts: Record<string, string>): void {
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of [...CANARIES.flatMap(forms), BASIC]) {
      expect(text.includes(secret), `${where} leaks ${secret.slice(0, 6)}…`).toBe(false);
    }
  }
}

let apis: DemoApis | undefined;
let target: TestServer | undefined;
afterEach(async () => {
  await apis?.close();
  await target?.close();
  apis = target = undefined;
});

describe("canary secrets never leave the process", () => {
  it("on success, with debug logs", async () => {
    apis = await startDemoApis({ customers: 120 });
    target = await startServer((req, res) => {
      if (req.url === "/oauth/token") return sendJson(res, 200, { access_token: ACCESS_TOKEN, expires_in: 3600 });
      sendJson(res, 200, { received: req.headers.authorization });
    });
    const ws = demoWorkspace({ crmUrl: apis.crmUrl, erpUrl: target.url });
    const result = await runCli(runArgs(ws, "--log-level", "debug", "--json"), { env: DEMO_ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(target.requests.some((r) => r.headers.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
    expectNoCanary(everything(result, ws));
  });

  it("on failure: a target that echoes credentials into rejections and a failing token endpoint", async () => {
    apis = await startDemoApis({ customers: 60 });
    target = await startServer((req, res) => {
      if (req.url === "/oauth/token") return sendJson(res, 200, { access_token: ACCESS_TOKEN, expires_in: 3600 });
      sendJson(res, 400, { error: "rejected", echo: req.headers, body: req.body });
    });
    const ws = demoWorkspace({ crmUrl: apis.crmUrl, erpUrl: target.url }, (yaml) =>
      yaml.replace("  idempotency:", `  headers:\n    X-Debug: "k=\${env:CRM_API_KEY}"\n  idempotency:`),
    );
    const result = await runCli(runArgs(ws, "--log-level", "debug"), { env: DEMO_ENV });
    expect(result.code).toBe(1);
    expect(existsSync(ws.deadLetter)).toBe(true);
    expect(readFileSync(ws.deadLetter, "utf8")).toContain("***");
    expectNoCanary(everything(result, ws));

    await target.close();
    target = await startServer((req, res) =>
      sendJson(res, 401, { error: "invalid_client", youSent: req.headers.authorization, body: req.body }),
    );
    const ws2 = demoWorkspace({ crmUrl: apis.crmUrl, erpUrl: target.url });
    const failed = await runCli(runArgs(ws2, "--log-level", "debug"), { env: DEMO_ENV });
    expect(failed.code).toBe(1);
    expectNoCanary(everything(failed, ws2));
  });

  it("in a dry run", async () => {
    apis = await startDemoApis({ customers: 80 });
    const ws = demoWorkspace(apis);
    const stdoutRun = await runCli(runArgs(ws, "--dry-run", "--log-level", "debug"), { env: DEMO_ENV });
    expect(stdoutRun.code, stdoutRun.stderr).toBe(0);
    expect(stdoutRun.stdout).toContain('"authorization":"***"');
    const fileRun = await runCli(runArgs(ws, "--dry-run", "--out", path.join(ws.dir, "plan.ndjson")), {
      env: DEMO_ENV,
    });
    expect(fileRun.code).toBe(0);
    expectNoCanary({ ...everything(stdoutRun, ws), ...everything(fileRun, ws) });
  });
});
