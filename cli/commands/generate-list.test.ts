import { describe, expect, it } from "vitest";
import { runCli } from "../../test/support/cli.js";

const CRM = "examples/demo-apis/crm/openapi.yaml";
const ERP = "examples/demo-apis/erp/openapi.yaml";
const STRIPE_LIKE = "test/fixtures/generate-ranking/stripe-like.yaml";
const SHOP = "test/fixtures/generate-ranking/shop.yaml";
const BOOKS = "test/fixtures/generate-ranking/books.yaml";

interface ListedPair {
  from: string;
  to: string;
  notes: string[];
}

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

  it("shows why: orders → invoices as business transactions, a quote as going backwards; --hint changes the pick", async () => {
    const listed = await runCli(["generate", "--source", SHOP, "--target", BOOKS, "--list", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    const pairs = JSON.parse(listed.stdout) as ListedPair[];
    expect(`${pairs[0]?.from} → ${pairs[0]?.to}`).toBe("GET /orders → POST /Invoices");
    expect(pairs[0]?.notes.join("; ")).toContain("business transactions (orders)");
    const quote = pairs.find((p) => p.from === "GET /orders" && p.to === "POST /Quotes");
    expect(quote?.notes.join("; ")).toContain("the sale would go backwards");
    const hinted = await runCli(["generate", "--source", SHOP, "--target", BOOKS, "--list", "--hint", "customers"]);
    expect(hinted.code, hinted.stderr).toBe(0);
    const first = hinted.stdout.trim().split("\n")[0] ?? "";
    expect(first).toContain("GET /customers  →  POST /Contacts");
    expect(first).toContain("what the hint names");
  });
});
