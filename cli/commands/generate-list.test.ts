import { describe, expect, it } from "vitest";
import { runCli } from "../../test/support/cli.js";

const CRM = "examples/demo-apis/crm/openapi.yaml";
const ERP = "examples/demo-apis/erp/openapi.yaml";
const STRIPE_LIKE = "test/fixtures/generate-ranking/stripe-like.yaml";

describe("cannectors generate --list", () => {
  it("--json gives each pair's score, fit and the reasons behind the score, best first", async () => {
    const listed = await runCli(["generate", "--source", CRM, "--target", ERP, "--list", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    const pairs = JSON.parse(listed.stdout) as {
      from: string;
      to: string;
      score: number;
      fit: number;
      notes: string[];
    }[];
    // The demo pair the generate e2e test expects; /clients/batch ties with it and follows by label.
    expect(pairs.map((p) => `${p.from} → ${p.to}`)).toEqual([
      "GET /customers → POST /clients",
      "GET /customers → POST /clients/batch",
    ]);
    expect(pairs[0]?.score).toBeGreaterThan(0);
    expect(pairs[0]?.notes).toContain("same records: client");
  });

  it("prints one line per pair, the collection create first, the write-only account links after it", async () => {
    const listed = await runCli(["generate", "--source", CRM, "--target", STRIPE_LIKE, "--list"]);
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout.trim().split("\n");
    expect(lines[0]).toMatch(
      /^\d+\.\d\d {2}GET \/customers {2}→ {2}POST \/v1\/customers {2}\(fit \d\.\d\d, \d+ fields\)/,
    );
    const links = lines.findIndex((l) => l.includes("POST /v1/account_links"));
    expect(links).toBeGreaterThan(0);
    expect(lines[links]).toContain("write-only");
  });
});
