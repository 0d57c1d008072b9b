import { describe, expect, it } from "vitest";
import { loadSpec } from "../openapi/index.js";
import { renderConnector } from "../scaffold/index.js";
import { findOperation, sourceEndpoints, targetEndpoints } from "./endpoints.js";
import { planConnector } from "./plan-connector.js";

const fixture = (name: string) => new URL(`../../test/fixtures/generate-params/${name}.yaml`, import.meta.url).pathname;

/** The DSL `generate` writes for one named pair of the trimmed vendor fixtures. */
async function generated(source: string, from: string, target: string, to: string): Promise<string> {
  const [sourceSpec, targetSpec] = await Promise.all([loadSpec(fixture(source)), loadSpec(fixture(target))]);
  const plan = planConnector({
    name: "pair",
    sourceSpec,
    targetSpec,
    source: findOperation(sourceEndpoints(sourceSpec), from)!,
    target: findOperation(targetEndpoints(targetSpec), to)!,
    typesImports: { source: "../types/source.js", target: "../types/target.js" },
  });
  return renderConnector(plan, []);
}

const ISSUES = ["github-issues", "GET /repos/{owner}/{repo}/issues"] as const;
const INVOICES = ["xero-invoices", "POST /companies/{companyId}/invoices"] as const;
const ORDERS = ["api2cart-orders", "GET /order.list.json"] as const;
const CREATE_ISSUE = ["github-issues", "POST /repos/{owner}/{repo}/issues"] as const;

describe("generate decides every parameter a request needs", () => {
  it.each([
    {
      name: "source path parameters become pathParams read from the environment, not %7Bowner%7D",
      pair: [...ISSUES, ...INVOICES],
      want: ['pathParams: { owner: env("GITHUB_OWNER"), repo: env("GITHUB_REPO") },'],
    },
    {
      name: "a target path parameter is mapped from the source field that matches it",
      pair: [...ISSUES, ...INVOICES],
      want: ["companyId: r.company_id", "[cannectors:review companyId"],
    },
    {
      name: "a target path parameter with no matching source field is a todo() saying it fills the URL",
      pair: [...ORDERS, ...CREATE_ISSUE],
      want: [
        "// path parameter {owner} of the target URL, filled from the record: no candidate in the source [cannectors:todo owner]",
        'owner: todo("owner"),',
        'repo: todo("repo"),',
      ],
    },
    {
      name: "a required header that is no security scheme is an env() to fill; a required query parameter keeps its default",
      pair: [...ISSUES, ...INVOICES],
      want: [
        "// required by the spec: set XERO_TENANT_ID in the environment",
        'headers: { "xero-tenant-id": env("XERO_TENANT_ID") },',
        "query: { summarizeErrors: false },",
      ],
    },
    {
      name: "a required source query parameter without a default is an env() to fill",
      pair: [...ORDERS, ...CREATE_ISSUE],
      want: ['query: { store_id: env("API2CART_STORE_ID") },'],
    },
    {
      name: "two API keys required together (AND) are both sent, each its own secret",
      pair: [...ORDERS, ...CREATE_ISSUE],
      want: [
        'auth: apiKey({ in: "query", name: "api_key", value: secret("API2CART_API_KEY") }),',
        'query: { store_key: secret("API2CART_STORE_KEY") },',
      ],
    },
  ])("$name", async ({ pair, want }) => {
    const text = await generated(pair[0]!, pair[1]!, pair[2]!, pair[3]!);
    for (const line of want) expect(text).toContain(line);
  });

  it("a required array of objects is a todo() saying how to map it, never dropped; an optional one stays out", async () => {
    const text = await generated(...ISSUES, "shop-orders", "POST /orders");
    expect(text).toContain(
      "// a required list of objects, mapped as r.some_list.map((item) => ({ ... })): no candidate in the source [cannectors:todo order_item]",
    );
    expect(text).toContain('order_item: todo("order_item"),');
    expect(text).not.toContain("notes:");
  });

  it("a target with a path placeholder is sent one record per request (the runtime refuses batches there)", async () => {
    const text = await generated(...ORDERS, ...CREATE_ISSUE);
    expect(text).toContain('target.post("/repos/{owner}/{repo}/issues")');
    expect(text).not.toContain("batch:");
  });

  it("pagination parameters and API key names are not asked for again", async () => {
    const text = await generated(...ORDERS, ...CREATE_ISSUE);
    expect(text).not.toMatch(/env\("API2CART_(START|COUNT|API_KEY|STORE_KEY)"\)/);
  });
});
