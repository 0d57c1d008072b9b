import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS } from "./credentials.js";
import { type DemoApis, startDemoApis } from "./start.js";
import { generateOrders, itemsOf } from "./shop/orders.js";

let demo: DemoApis;
const shop = (path: string, init: RequestInit = {}) =>
  fetch(`${demo.shopUrl}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${DEMO_CREDENTIALS.shopToken}`,
      "content-type": "application/json",
      ...init.headers,
    },
  });

beforeAll(async () => {
  demo = await startDemoApis({ orders: 25 });
});
afterAll(async () => {
  await demo.close();
});

describe("demo shop", () => {
  it("generates the same orders and items on every run, 60/30/10 paid/pending/refunded", () => {
    expect(generateOrders(25, 40)).toEqual(generateOrders(25, 40));
    const many = generateOrders(2000, 40);
    const share = (status: string) => many.filter((o) => o.status === status).length / many.length;
    expect(Math.abs(share("paid") - 0.6)).toBeLessThan(0.04);
    expect(Math.abs(share("refunded") - 0.1)).toBeLessThan(0.03);
    for (const order of many.slice(0, 200)) {
      const items = itemsOf(order);
      expect(items.length).toBeGreaterThanOrEqual(1);
      expect(items.length).toBeLessThanOrEqual(4);
      for (const item of items) expect(item.unit_price).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it("refuses a request without the bearer token", async () => {
    expect((await fetch(`${demo.shopUrl}/orders`)).status).toBe(401);
  });

  it("pages orders by number, then serves each order's items and customer", async () => {
    const first = (await (await shop("/orders?page=1&per_page=10")).json()) as {
      data: { id: string; customer_id: string }[];
      total: number;
    };
    const last = (await (await shop("/orders?page=3&per_page=10")).json()) as { data: unknown[] };
    expect(first.total).toBe(25);
    expect(first.data).toHaveLength(10);
    expect(last.data).toHaveLength(5);
    const order = first.data[0]!;
    const items = (await (await shop(`/orders/${order.id}/items`)).json()) as { data: unknown[] };
    expect(items.data).toEqual(itemsOf(demo.shop.orders[0]!));
    const customer = (await (await shop(`/customers/${order.customer_id}`)).json()) as { id: string; email: string };
    expect(customer.id).toBe(order.customer_id);
    expect((await shop("/orders/ord_99999/items")).status).toBe(404);
    expect((await shop("/customers/cus_999999")).status).toBe(404);
  });

  it("queues a review, and refuses one without order_id", async () => {
    expect(
      (
        await shop("/order-reviews", {
          method: "POST",
          body: JSON.stringify({ order_id: "ord_00001", status: "pending", reason: "unpaid" }),
        })
      ).status,
    ).toBe(201);
    expect((await shop("/order-reviews", { method: "POST", body: JSON.stringify({ status: "pending" }) })).status).toBe(
      422,
    );
    expect(demo.shop.reviews).toEqual([{ order_id: "ord_00001", status: "pending", reason: "unpaid" }]);
  });
});

describe("demo ERP sales orders", () => {
  const token = async () => {
    const response = await fetch(`${demo.erpUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: DEMO_CREDENTIALS.erpClientId,
        client_secret: DEMO_CREDENTIALS.erpClientSecret,
      }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const post = async (body: unknown, bearer?: string) =>
    fetch(`${demo.erpUrl}/sales-orders`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify(body),
    });
  const order = {
    external_id: "ord_00001",
    customer: { name: "Ada Lovelace", email: "ada@example.com" },
    currency: "EUR",
    lines: [{ sku: "SKU-LAMP", quantity: 2, unit_price: "39.50" }],
  };

  it("needs a token, creates then replaces by external_id, and names the refused field", async () => {
    expect((await post(order)).status).toBe(401);
    const bearer = await token();
    expect((await post(order, bearer)).status).toBe(201);
    expect((await post(order, bearer)).status).toBe(200);
    expect(demo.salesOrders.orders.get("ord_00001")).toEqual(order);
    const refused = await post({ ...order, lines: [{ sku: "X", quantity: 1, unit_price: 39.5 }] }, bearer);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain("lines[0].unit_price");
  });
});
