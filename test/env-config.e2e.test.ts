import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type DemoApis, startDemoApis } from "../examples/demo-apis/index.js";
import { runCli } from "./support/cli.js";
import { DEMO_ENV, demoWorkspace, runArgs } from "./support/demo-connector.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

let apis: DemoApis | undefined;
let target: TestServer | undefined;
afterEach(async () => {
  await apis?.close();
  await target?.close();
  apis = target = undefined;
});

/** The example connector with its base URLs taken from the environment instead of written in. */
function configuredWorkspace(crm: DemoApis, erp: TestServer, envFile: string) {
  const ws = demoWorkspace({ crmUrl: "http://crm.invalid", erpUrl: "http://erp.invalid" }, (yaml) =>
    yaml
      .replace("baseUrl: http://crm.invalid", "baseUrl: ${env:CRM_URL}")
      .replace("baseUrl: http://erp.invalid", "baseUrl: http://${env:ERP_HOST}:${env:ERP_PORT}")
      .replace("tokenUrl: http://erp.invalid/oauth/token", "tokenUrl: ${env:TOKEN_URL}"),
  );
  const file = path.join(ws.dir, ".env.test");
  writeFileSync(file, envFile.replaceAll("$CRM", crm.crmUrl).replaceAll("$ERP_PORT", String(erp.port)));
  return { ws, file };
}

const GOOD_ENV = "CRM_URL=$CRM\nERP_HOST=127.0.0.1\nERP_PORT=$ERP_PORT\nTOKEN_URL=http://127.0.0.1:$ERP_PORT/oauth/token\n";

async function startTarget(): Promise<TestServer> {
  return startServer((req, res) => {
    if (req.url === "/oauth/token") return sendJson(res, 200, { access_token: "tok-abcdef-123456", expires_in: 3600 });
    sendJson(res, 200, {});
  });
}

describe("configuration from the environment: ${env:NAME} in URLs, --env-file", () => {
  it("runs with base URLs and the token URL from an env file, and delivers the records", async () => {
    apis = await startDemoApis({ customers: 30 });
    target = await startTarget();
    const { ws, file } = configuredWorkspace(apis, target, GOOD_ENV);
    const result = await runCli(runArgs(ws, "--env-file", file, "--json"), { env: DEMO_ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(target.requests.some((r) => r.url === "/oauth/token")).toBe(true);
    expect(target.requests.filter((r) => r.url !== "/oauth/token").length).toBeGreaterThan(0);
  });

  it("shows configuration unmasked in a dry run, and still masks the secrets", async () => {
    apis = await startDemoApis({ customers: 5 });
    target = await startTarget();
    const { ws, file } = configuredWorkspace(apis, target, GOOD_ENV);
    const result = await runCli(runArgs(ws, "--env-file", file, "--dry-run"), { env: DEMO_ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`http://127.0.0.1:${target.port}/`);
    expect(result.stdout).not.toContain("http://***");
    for (const secret of Object.values(DEMO_ENV)) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("refuses a variable that does not make a URL: exit 2, naming it and where it is used, before any request", async () => {
    apis = await startDemoApis({ customers: 5 });
    target = await startTarget();
    const { ws, file } = configuredWorkspace(apis, target, GOOD_ENV.replace("CRM_URL=$CRM", "CRM_URL=crm.local"));
    const result = await runCli(runArgs(ws, "--env-file", file), { env: DEMO_ENV });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/connector\.yaml:\d+:\d+ input\.baseUrl CANNECTORS_E_CONFIG_INVALID .*CRM_URL/);
    expect(result.stderr).toContain('"crm.local"');
    expect(target.requests).toEqual([]);
  });

  it("validate --env-file reports unset variables and bad URLs at once, with file:line:col", async () => {
    apis = await startDemoApis({ customers: 1 });
    target = await startTarget();
    const { ws, file } = configuredWorkspace(apis, target, "CRM_URL=ftp://crm\nERP_HOST=127.0.0.1\n");
    const result = await runCli(["validate", ws.connector, "--env-file", file], { env: DEMO_ENV });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/:16:\d+ input\.baseUrl CANNECTORS_E_CONFIG_INVALID/);
    expect(result.stderr).toMatch(/output\.baseUrl CANNECTORS_E_SECRET_UNRESOLVED reference \$\{env:ERP_PORT\}/);
    expect(result.stderr).toMatch(/output\.auth\.tokenUrl CANNECTORS_E_SECRET_UNRESOLVED/);
  });

  it("an env file that cannot be read is exit 2 on run, validate and serve", async () => {
    for (const command of [["run", "x.yaml"], ["validate", "x.yaml"], ["serve", "x.yaml"]]) {
      const result = await runCli([...command, "--env-file", "/nonexistent/.env"]);
      expect(result.code, command.join(" ")).toBe(2);
      expect(result.stderr).toContain("/nonexistent/.env:1:1 (root) CANNECTORS_E_NOT_FOUND --env-file: file not found");
    }
  });

  it("the process environment wins over the env file, as with node --env-file", async () => {
    apis = await startDemoApis({ customers: 3 });
    target = await startTarget();
    const { ws, file } = configuredWorkspace(apis, target, GOOD_ENV.replace("CRM_URL=$CRM", "CRM_URL=nope"));
    const result = await runCli(runArgs(ws, "--env-file", file), { env: { ...DEMO_ENV, CRM_URL: apis.crmUrl } });
    expect(result.code, result.stderr).toBe(0);
  });
});

describe("a dry run requires only the secrets of the modules it calls", () => {
  it("runs without the output's OAuth secrets, which it never uses, and still needs the input's", async () => {
    apis = await startDemoApis({ customers: 5 });
    target = await startTarget();
    const { ws, file } = configuredWorkspace(apis, target, GOOD_ENV);
    const inputOnly = { CRM_API_KEY: DEMO_ENV.CRM_API_KEY };
    const dry = await runCli(runArgs(ws, "--env-file", file, "--dry-run"), { env: inputOnly });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("/clients");
    expect(target.requests).toEqual([]);

    const real = await runCli(runArgs(ws, "--env-file", file), { env: inputOnly });
    expect(real.code).toBe(2);
    expect(real.stderr).toMatch(/output\.auth\.clientId CANNECTORS_E_SECRET_UNRESOLVED/);

    const noInputKey = await runCli(runArgs(ws, "--env-file", file, "--dry-run"), { env: {} });
    expect(noInputKey.code).toBe(2);
    expect(noInputKey.stderr).toMatch(/input\.auth\.value CANNECTORS_E_SECRET_UNRESOLVED/);
    expect(noInputKey.stderr).not.toMatch(/output\.auth/);
  });
});
