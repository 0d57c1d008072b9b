/**
 * Issue 13 item 3: `run`, `validate`, `serve` and `docs` take a `.ts` connector as they take a YAML
 * artifact (built in memory), and `build` type-checks as `tsc` would before writing anything.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedClients } from "../examples/crm-to-erp/index.js";
import { type DemoApis, startDemoApis } from "../examples/demo-apis/index.js";
import { ROOT, runCli } from "./support/cli.js";
import { DEMO_ENV } from "./support/demo-connector.js";
import { startServe } from "./support/serve-process.js";

let apis: DemoApis;
let dir: string;

/** A project folder: types/ from the demo specs, connectors/ holding the example connector (and a test file). */
function project(edit: (ts: string) => string = (t) => t): string {
  const root = mkdtempSync(path.join(tmpdir(), "cannectors-ts-"));
  cpSync(path.join(ROOT, "examples/demo-apis/types"), path.join(root, "types"), { recursive: true });
  mkdirSync(path.join(root, "connectors"));
  const source = readFileSync(path.join(ROOT, "examples/crm-to-erp/connector.ts"), "utf8")
    .replaceAll("../demo-apis/types/", "../types/")
    .replaceAll("http://127.0.0.1:4010", apis.crmUrl)
    .replaceAll("http://127.0.0.1:4020", apis.erpUrl);
  writeFileSync(path.join(root, "connectors/crm-to-erp.ts"), edit(source));
  // Not a connector: a folder's tests are left alone by serve.
  writeFileSync(path.join(root, "connectors/crm-to-erp.test.ts"), "throw new Error('not a connector');\n");
  return root;
}

const typo = (ts: string) => ts.replace("client_id: c.id,", "client_id: c.idd,");

beforeAll(async () => {
  apis = await startDemoApis({ customers: 40 });
  dir = project();
});
afterAll(async () => {
  await apis.close();
});

describe("a .ts connector wherever a YAML artifact goes", () => {
  it("build type-checks first: a typo fails with exit 2 at its line and writes nothing; --no-typecheck skips it", async () => {
    const bad = project(typo);
    const line =
      readFileSync(path.join(bad, "connectors/crm-to-erp.ts"), "utf8").split("\n").indexOf("    client_id: c.idd,") + 1;
    const built = await runCli(["build", "connectors/crm-to-erp.ts", "--out", "out"], { cwd: bad, timeoutMs: 120_000 });
    expect(built.code).toBe(2);
    expect(built.stderr).toMatch(new RegExp(`connectors/crm-to-erp\\.ts:${line}:\\d+ .*TS2339 Property 'idd'`));
    expect(existsSync(path.join(bad, "out"))).toBe(false);
    const skipped = await runCli(["build", "connectors/crm-to-erp.ts", "--out", "out", "--no-typecheck"], {
      cwd: bad,
      timeoutMs: 120_000,
    });
    expect(skipped.code, skipped.stderr).toBe(0);
  }, 150_000);

  it("validate builds it in memory: valid, or the type error at file:line:col with exit 2", async () => {
    // One call for both (one type check, one build): a typo'd copy beside the project's connectors.
    mkdirSync(path.join(dir, "typo"), { recursive: true });
    const source = readFileSync(path.join(dir, "connectors/crm-to-erp.ts"), "utf8");
    writeFileSync(path.join(dir, "typo/crm-to-erp.ts"), typo(source).replace('name: "crm-to-erp"', 'name: "typo"'));
    const result = await runCli(["validate", "connectors/crm-to-erp.ts", "typo/crm-to-erp.ts"], {
      cwd: dir,
      timeoutMs: 120_000,
    });
    expect(result.stderr).toContain("connectors/crm-to-erp.ts: valid (crm-to-erp)");
    expect(result.stderr).toMatch(/typo\/crm-to-erp\.ts:\d+:\d+ .*TS2339/);
    expect(result.stderr).not.toContain("typo/crm-to-erp.ts: valid");
    expect(result.code).toBe(2);
  }, 150_000);

  it("run delivers what the YAML would", async () => {
    const result = await runCli(
      ["run", "connectors/crm-to-erp.ts", "--state", "state.db", "--dead-letter", "dl.ndjson"],
      { cwd: dir, env: DEMO_ENV, timeoutMs: 120_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    const clients = [...apis.erp.clients.values()].sort((a, b) => a.client_id.localeCompare(b.client_id));
    expect(clients).toEqual(expectedClients(apis.crm.customers));
  }, 150_000);

  it("run names a missing secret at the connector's export, not a line of a YAML that does not exist", async () => {
    const result = await runCli(["run", "connectors/crm-to-erp.ts", "--state", "state.db"], {
      cwd: dir,
      timeoutMs: 120_000,
    });
    expect(result.code).toBe(2);
    const exportLine =
      readFileSync(path.join(dir, "connectors/crm-to-erp.ts"), "utf8")
        .split("\n")
        .findIndex((l) => l.startsWith("export default")) + 1;
    expect(result.stderr).toContain(`connectors/crm-to-erp.ts:${exportLine}:`);
    expect(result.stderr).toContain("CRM_API_KEY");
  }, 150_000);

  it("serve loads a folder of .ts connectors (and leaves its tests alone)", async () => {
    const served = await startServe(path.join(dir, "connectors"), DEMO_ENV);
    served.spawned.child.kill("SIGTERM");
    const { stderr } = await served.spawned.exited;
    expect(stderr).not.toContain("invalid artifact");
    expect(stderr).toMatch(/"serve started".*crm-to-erp/);
  }, 150_000);

  it("docs documents it", async () => {
    const result = await runCli(["docs", "connectors/crm-to-erp.ts"], { cwd: dir, timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("client_id");
  }, 150_000);
});
