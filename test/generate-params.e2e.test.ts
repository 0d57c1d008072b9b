import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";

const FIXTURES = "test/fixtures/generate-params";

/**
 * Trimmed vendor shapes (GitHub's `/repos/{owner}/{repo}/issues`, a Xero/Codat-like
 * `POST /companies/{companyId}/invoices` with a required `xero-tenant-id` header, api2cart's two keys
 * together): what `generate` writes type-checks, and `check` fails only on the decisions left open,
 * each saying "decide this field", never a TS error on the body or a silent pass.
 */
describe("generate → check on vendor shapes with parameters", () => {
  it.each([
    {
      name: "GitHub issues → invoices under a company",
      source: "github-issues.yaml",
      target: "xero-invoices.yaml",
      from: "GET /repos/{owner}/{repo}/issues",
      to: "POST /companies/{companyId}/invoices",
      decide: ["Reference"],
      auth: "oauth2AuthorizationCode({ authorizationUrl: \"https://login.xero.com/identity/connect/authorize\"",
    },
    {
      name: "api2cart orders → GitHub issues of a repository",
      source: "api2cart-orders.yaml",
      target: "github-issues.yaml",
      from: "GET /order.list.json",
      to: "POST /repos/{owner}/{repo}/issues",
      decide: ["owner", "repo", "title"],
      auth: undefined,
    },
  ])(
    "$name",
    async ({ source, target, from, to, decide, auth }) => {
      const dir = mkdtempSync(path.join(tmpdir(), "cannectors-generate-params-"));
      const generated = await runCli(
        [
          "generate",
          ...["--source", `${FIXTURES}/${source}`, "--target", `${FIXTURES}/${target}`],
          ...["--from", from, "--to", to, "--name", "pair", "--out", dir],
        ],
        { timeoutMs: 120_000 },
      );
      expect(generated.code, generated.stderr).toBe(0);
      // An authorization-code-only target gets that auth, not a comment (it type-checks: no error below).
      if (auth) expect(readFileSync(path.join(dir, "connectors/pair.ts"), "utf8")).toContain(auth);
      const checked = await runCli(["check", path.join(dir, "connectors/pair.ts"), "--json"], { timeoutMs: 180_000 });
      expect(checked.code).toBe(2);
      const diagnostics = JSON.parse(checked.stdout) as { code: string; message: string }[];
      const lowering = diagnostics.filter((d) => d.code === "CANNECTORS_E_LOWERING").map((d) => d.message);
      expect(lowering.map((m) => m.split(";")[0])).toEqual(decide.map((field) => `decide this field: ${field}`));
      // Every type error is a todo() of the same fields: nothing else is wrong with what was written.
      const typeErrors = diagnostics.filter((d) => d.code !== "CANNECTORS_E_LOWERING").map((d) => d.message);
      expect(typeErrors).toEqual(decide.map((field) => `Type 'Todo<"${field}">' is not assignable to type 'string'.`));
    },
    400_000,
  );
});
