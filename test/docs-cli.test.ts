import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./support/cli.js";

const EXAMPLE = "examples/crm-to-erp/crm-to-erp.yaml";
const SPECS = [
  "--source-spec",
  "examples/demo-apis/crm/openapi.yaml",
  "--target-spec",
  "examples/demo-apis/erp/openapi.yaml",
];
const SNAPSHOTS = path.join(ROOT, "generators/docs/__snapshots__");
const dir = mkdtempSync(path.join(tmpdir(), "cannectors-docs-cli-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent("cannectors docs", () => {
  it.each(["md", "html", "json"])("prints the %s document the generator's snapshot holds", async (format) => {
    const result = await runCli(["docs", EXAMPLE, "--format", format, ...SPECS]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(path.join(SNAPSHOTS, `crm-to-erp.${format}`), "utf8"));
  });

  it("writes --out and prints nothing on stdout; secrets in the environment stay out", async () => {
    const out = path.join(dir, "nested", "crm-to-erp.html");
    const env = { CRM_API_KEY: "canary-cli-0b7e", ERP_CLIENT_SECRET: "canary-cli-91fa" };
    const result = await runCli(["docs", EXAMPLE, "--format", "html", "--out", out, ...SPECS], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("crm-to-erp (html, 0 coverage problem(s))");
    const html = readFileSync(out, "utf8");
    expect(html).toContain('<table id="mapping">');
    for (const canary of Object.values(env)) expect(html + result.stderr).not.toContain(canary);
  });

  it("reports the planted problems of a connector", async () => {
    const fixtures = "test/fixtures/docs";
    const args = ["docs", `${fixtures}/planted.yaml`, "--format", "json"];
    const specs = [
      "--source-spec",
      `${fixtures}/shop.openapi.yaml`,
      "--target-spec",
      `${fixtures}/billing.openapi.yaml`,
    ];
    const result = await runCli([...args, ...specs]);
    expect(result.code).toBe(0);
    const kinds = JSON.parse(result.stdout).coverage.problems.map((p: { kind: string }) => p.kind);
    expect(kinds).toEqual(["lossy-conversion", "unmapped-enum", "unmapped-required"]);
  });

  it("adds the records of a dry-run output as examples", async () => {
    const result = await runCli(["docs", EXAMPLE, "--examples", "test/fixtures/docs/crm-to-erp.dry-run.ndjson"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("## Examples");
    expect(result.stdout).toContain('"full_name": "Ada Lovelace"');
    expect(result.stdout).not.toContain("idempotency-key");
  });

  it("runs source records through the connector's filters for before/after examples", async () => {
    const result = await runCli(["docs", EXAMPLE, "--examples", "test/fixtures/docs/crm-customers.ndjson"]);
    expect(result.code, result.stderr).toBe(0);
    const examples = result.stdout.slice(result.stdout.indexOf("## Examples"));
    expect(examples).toContain('"first_name": "Ada"');
    expect(examples).toContain('"full_name": "Ada Lovelace"');
    expect(examples).toContain('"email": "ada@example.com"');
    expect(examples).toContain('"balance_cents": 1250');
    expect(examples).toContain("Dropped by the filters: nothing is sent.");
  });

  it("exits 2 with located diagnostics on an invalid artifact, writing nothing", async () => {
    const out = path.join(dir, "invalid.md");
    const result = await runCli(["docs", "test/fixtures/docs/invalid.yaml", "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "test/fixtures/docs/invalid.yaml:14:15 filters[0].fields[0].expr CANNECTORS_E_EXPRESSION Unknown variable: recrd",
    );
    expect(result.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [
      ["--target-spec", "examples/demo-apis/erp/openapi.yaml", "--target-op", "POST /nowhere"],
      "CANNECTORS_E_NOT_FOUND",
    ],
    [["--source-spec", "test/fixtures/docs/missing.yaml"], "CANNECTORS_E_"],
    [["--format", "pdf"], "pdf"],
  ])("exits 2 on a bad option: %j", async (extra, message) => {
    const result = await runCli(["docs", EXAMPLE, ...extra]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe("");
  });
});
