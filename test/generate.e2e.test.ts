import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startDemoApis } from "../examples/demo-apis/index.js";
import { runCli } from "./support/cli.js";
import { DEMO_ENV } from "./support/demo-connector.js";

const CRM = "examples/demo-apis/crm/openapi.yaml";
const ERP = "examples/demo-apis/erp/openapi.yaml";

describe("cannectors generate on the demo APIs' specs", () => {
  it("scaffolds a connector that, once the suggestions are accepted, type-checks, builds and moves the demo data", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-generate-"));
    const generated = await runCli(
      [
        "generate",
        "--source",
        CRM,
        "--target",
        ERP,
        "--from",
        "GET /customers",
        "--to",
        "POST /clients/batch",
        "--name",
        "crm-to-erp",
        "--out",
        dir,
      ],
      { timeoutMs: 120_000 },
    );
    expect(generated.code, generated.stderr).toBe(0);
    const connector = path.join(dir, "connectors/crm-to-erp.ts");
    const text = readFileSync(connector, "utf8");
    expect(text).toContain('source.get("/customers"');
    expect(text).toContain("pagination: cursor(");
    expect(text).toContain('apiKey({ in: "header", name: "X-API-Key", value: secret("CRM_API_KEY") })');
    expect(text).toContain("oauth2ClientCredentials(");
    expect(text).toContain('batch: { size: 50, wrap: "clients" }');

    const reviewed = await runCli(["review", connector, "--accept-above", "0.5", "--json"]);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    const pending = JSON.parse(reviewed.stdout) as { kind: string; target: string }[];
    expect(pending.filter((p) => p.kind === "todo").map((p) => p.target)).toEqual([]);

    const checked = await runCli(["check", connector], { timeoutMs: 120_000 });
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    const built = await runCli(["build", connector, "--out", path.join(dir, "artifacts")], { timeoutMs: 120_000 });
    expect(built.code, built.stderr).toBe(0);

    const apis = await startDemoApis({ customers: 120 });
    try {
      const artifact = path.join(dir, "artifacts/crm-to-erp.yaml");
      const yaml = readFileSync(artifact, "utf8")
        .replaceAll("http://127.0.0.1:4010", apis.crmUrl)
        .replaceAll("http://127.0.0.1:4020", apis.erpUrl);
      const runnable = path.join(dir, "runnable.yaml");
      (await import("node:fs")).writeFileSync(runnable, yaml);
      const run = await runCli(["run", runnable, "--state", path.join(dir, "state.db"), "--json"], { env: DEMO_ENV });
      expect(run.code, run.stderr).toBe(0);
      expect(apis.erp.clients.size).toBe(120);
      for (const customer of apis.crm.customers) {
        const client = apis.erp.clients.get(customer.id);
        expect(client?.full_name).toBe(`${customer.first_name} ${customer.last_name}`);
        expect(client?.email).toBe(customer.email.trim().toLowerCase());
        // Conversion candidates (issue 13.9): a decimal balance in cents, a timestamp as a date.
        expect(client?.balance_cents).toBe(Math.round(Number(customer.balance) * 100));
        expect(client?.customer_since).toBe(customer.created_at.slice(0, 10));
      }
    } finally {
      await apis.close();
    }
  }, 300_000);
});
