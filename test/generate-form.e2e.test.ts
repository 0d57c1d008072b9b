import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startDemoApis } from "../examples/demo-apis/index.js";
import { runCli } from "./support/cli.js";
import { DEMO_ENV } from "./support/demo-connector.js";
import { sendJson, startServer } from "./support/http-server.js";

const CRM = "examples/demo-apis/crm/openapi.yaml";
const STRIPE_LIKE = "test/fixtures/specs/stripe-like.yaml";
const TOKEN = "sk_test_form_e2e";

describe("cannectors generate → a form-encoded (Stripe-like) target", () => {
  it("writes encoding: form, checks, builds, and the built connector sends the bracket-encoded bodies the dry run shows", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-generate-form-"));
    const generated = await runCli(
      [
        "generate",
        "--source",
        CRM,
        "--target",
        STRIPE_LIKE,
        "--from",
        "GET /customers",
        "--to",
        "POST /v1/customers",
      ].concat(["--name", "crm-to-stripe", "--out", dir]),
      { timeoutMs: 120_000 },
    );
    expect(generated.code, generated.stderr).toBe(0);
    const connector = path.join(dir, "connectors/crm-to-stripe.ts");
    const text = readFileSync(connector, "utf8");
    expect(text).toContain('encoding: "form"');
    expect(text).not.toMatch(/not supported/);
    expect(text).not.toContain("batch:");

    const reviewed = await runCli(["review", connector, "--accept-above", "0.5", "--json"]);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    expect(JSON.parse(reviewed.stdout).filter((p: { kind: string }) => p.kind === "todo")).toEqual([]);
    // Independent of each other: side by side, as CI would run them.
    const [checked, built] = await Promise.all([
      runCli(["check", connector], { timeoutMs: 120_000 }),
      runCli(["build", connector, "--out", path.join(dir, "artifacts")], { timeoutMs: 120_000 }),
    ]);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    expect(built.code, built.stderr).toBe(0);
    const yaml = readFileSync(path.join(dir, "artifacts/crm-to-stripe.yaml"), "utf8");
    expect(yaml).toMatch(/\n {2}encoding: form\n/);

    const apis = await startDemoApis({ customers: 7 });
    const stripe = await startServer((req, res) => {
      const ok =
        req.headers["content-type"] === "application/x-www-form-urlencoded" &&
        req.headers.authorization === `Bearer ${TOKEN}`;
      sendJson(res, ok ? 200 : 400, ok ? { id: `cus_${req.at}`, object: "customer" } : { error: "bad request" });
    });
    try {
      const runnable = path.join(dir, "runnable.yaml");
      writeFileSync(
        runnable,
        yaml.replaceAll("http://127.0.0.1:4010", apis.crmUrl).replaceAll("https://api.stripe.example", stripe.url),
      );
      const env = { ...DEMO_ENV, STRIPE_TOKEN: TOKEN };
      const plan = path.join(dir, "plan.ndjson");
      const dry = await runCli(["run", runnable, "--dry-run", "--out", plan, "--state", path.join(dir, "dry.db")], {
        env,
      });
      expect(dry.code, dry.stderr).toBe(0);
      expect(stripe.requests).toEqual([]);
      const planned = readFileSync(plan, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { body: unknown; headers: Record<string, string> });
      expect(planned).toHaveLength(7);
      expect(planned[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");

      const run = await runCli(["run", runnable, "--state", path.join(dir, "state.db"), "--json"], { env });
      expect(run.code, run.stderr).toBe(0);
      expect(stripe.requests).toHaveLength(7);
      // What the dry run printed is byte for byte what went out. Single records go out several at a
      // time (settings.concurrency), so the order they arrive in is not part of the contract.
      const sorted = (bodies: unknown[]) => bodies.map(String).sort();
      expect(sorted(stripe.requests.map((r) => r.body))).toEqual(sorted(planned.map((p) => p.body)));
      for (const customer of apis.crm.customers) {
        const email = customer.email.trim().toLowerCase();
        const request = stripe.requests.find((r) => new URLSearchParams(r.body).get("email") === email);
        if (!request) throw new Error(`no request for ${email}`);
        expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
        expect(request.body).toContain(`address[city]=${encodeURIComponent(customer.address.city)}`);
        expect(new URLSearchParams(request.body).get("address[city]")).toBe(customer.address.city);
        expect(request.body).not.toContain("%5B");
      }
    } finally {
      await Promise.all([apis.close(), stripe.close()]);
    }
  }, 300_000);
});
