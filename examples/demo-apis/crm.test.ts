import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Customer,
  type CustomerPage,
  DEMO_CREDENTIALS,
  type DemoApis,
  generateCustomers,
  startDemoApis,
} from "./index.js";

let apis: DemoApis;
beforeAll(async () => {
  apis = await startDemoApis({ customers: 250 });
});
afterAll(() => apis.close());

const authorized = { "X-API-Key": DEMO_CREDENTIALS.crmApiKey };

async function getPage(query: string, headers: Record<string, string> = authorized): Promise<Response> {
  return fetch(`${apis.crmUrl}/customers${query}`, { headers });
}

/** Follows next_cursor from the first page to the last, as a connector would. */
async function walk(base: Record<string, string>): Promise<{ customers: Customer[]; pages: number }> {
  const customers: Customer[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = new URLSearchParams(base);
    if (cursor) params.set("cursor", cursor);
    const res = await getPage(`?${params}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as CustomerPage;
    expect(page.has_more).toBe(page.next_cursor !== null);
    customers.push(...page.data);
    cursor = page.next_cursor;
    pages++;
  } while (cursor !== null);
  return { customers, pages };
}

describe("demo CRM GET /customers", () => {
  it.each<{ name: string; headers: Record<string, string> }>([
    { name: "no key", headers: {} },
    { name: "wrong key", headers: { "X-API-Key": "nope" } },
    { name: "key in the wrong header", headers: { Authorization: DEMO_CREDENTIALS.crmApiKey } },
  ])("answers 401 JSON with $name", async ({ headers }) => {
    const res = await getPage("", headers);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: "unauthorized" });
  });

  it("walks every customer exactly once, in updated_at order", async () => {
    const { customers, pages } = await walk({ limit: "37" });
    expect(pages).toBe(Math.ceil(250 / 37));
    expect(customers).toEqual(generateCustomers(250));
  });

  it("pages 100 at a time by default", async () => {
    const page = (await (await getPage("")).json()) as CustomerPage;
    expect(page.data.map((c) => c.id)).toEqual(generateCustomers(100).map((c) => c.id));
    expect(page.has_more).toBe(true);
  });

  it("returns only customers updated strictly after updated_after", async () => {
    const pivot = generateCustomers(100)[99]!;
    const { customers } = await walk({ updated_after: pivot.updated_at, limit: "500" });
    expect(customers.map((c) => c.id)).toEqual(generateCustomers(150, 101).map((c) => c.id));
  });

  it("filters on status", async () => {
    const { customers } = await walk({ status: "lead" });
    expect(customers).toEqual(generateCustomers(250).filter((c) => c.status === "lead"));
  });

  it.each([
    { query: "?limit=0", field: "limit" },
    { query: "?limit=501", field: "limit" },
    { query: "?limit=ten", field: "limit" },
    { query: "?cursor=bm9wZQ", field: "cursor" },
    { query: "?updated_after=yesterday", field: "updated_after" },
    { query: "?status=vip", field: "status" },
  ])("refuses $query with 400 naming $field", async ({ query, field }) => {
    const res = await getPage(query);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_parameter", details: { field } });
  });

  it("serves customers appended at run time to an incremental reader", async () => {
    const { customers: before } = await walk({ limit: "500" });
    const cursor = before[before.length - 1]!.updated_at;
    const added = apis.crm.addCustomers(3);
    const { customers: after } = await walk({ updated_after: cursor });
    expect(after).toEqual(added);
    expect(added.map((c) => c.id)).toEqual(["cus_000251", "cus_000252", "cus_000253"]);
  });
});
