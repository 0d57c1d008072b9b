import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectedClients } from "../examples/crm-to-erp/index.js";
import { startDemoApis } from "../examples/demo-apis/index.js";
import { ROOT, runCli } from "./support/cli.js";
import { DEMO_ENV } from "./support/demo-connector.js";

/** Runs one artifact against fresh demo APIs and returns what the ERP stored. */
async function deliveredBy(artifactFile: string) {
  const apis = await startDemoApis({ customers: 300 });
  try {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-typed-"));
    const yaml = readFileSync(artifactFile, "utf8")
      .replaceAll("http://127.0.0.1:4010", apis.crmUrl)
      .replaceAll("http://127.0.0.1:4020", apis.erpUrl);
    const file = path.join(dir, "artifact.yaml");
    writeFileSync(file, yaml);
    const result = await runCli(
      ["run", file, "--state", path.join(dir, "state.db"), "--dead-letter", path.join(dir, "dl")],
      {
        env: DEMO_ENV,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    return {
      clients: [...apis.erp.clients.values()].sort((a, b) => a.client_id.localeCompare(b.client_id)),
      expected: expectedClients(apis.crm.customers),
    };
  } finally {
    await apis.close();
  }
}

describe("a connector written in TypeScript", () => {
  it("is committed in sync with its built YAML (build --check)", async () => {
    const result = await runCli(
      ["build", "examples/crm-to-erp/connector.ts", "--out", "examples/crm-to-erp", "--check"],
      {
        timeoutMs: 120_000,
      },
    );
    expect(result.stdout + result.stderr).not.toMatch(/stale|missing/i);
    expect(result.code).toBe(0);
  }, 150_000);

  it("built to YAML and run, delivers the same target records as the hand-written YAML", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-typed-build-"));
    const built = await runCli(["build", "examples/crm-to-erp/connector.ts", "--out", dir], { timeoutMs: 120_000 });
    expect(built.code, built.stderr).toBe(0);

    const fromTypeScript = await deliveredBy(path.join(dir, "crm-to-erp.yaml"));
    const fromHandWritten = await deliveredBy(path.join(ROOT, "test/fixtures/crm-to-erp.hand-written.yaml"));
    expect(fromTypeScript.clients).toEqual(fromTypeScript.expected);
    expect(fromTypeScript.clients).toEqual(fromHandWritten.clients);
  }, 150_000);
});
