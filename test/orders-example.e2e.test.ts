import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS, type DemoApis, itemsOf, startDemoApis } from "../examples/demo-apis/index.js";
import { ROOT, runCli } from "./support/cli.js";

/**
 * The pipeline-shapes example (examples/orders-to-erp): each shop order's items fetched as dependent
 * requests, gathered back into one order, enriched with its customer, paid orders routed to the ERP
 * as sales orders and the others to the shop's review queue, run against the bundled demo APIs.
 * The expected results are computed here from the demo data, not read from the connector.
 */
const ENV = {
  SHOP_TOKEN: DEMO_CREDENTIALS.shopToken,
  ERP_CLIENT_ID: DEMO_CREDENTIALS.erpClientId,
  ERP_CLIENT_SECRET: DEMO_CREDENTIALS.erpClientSecret,
};
const EXAMPLE = "examples/orders-to-erp";

let apis: DemoApis;
let dir = "";

beforeAll(async () => {
  apis = await startDemoApis({ orders: 45 });
  dir = mkdtempSync(path.join(tmpdir(), "cannectors-orders-"));
  const yaml = readFileSync(path.join(ROOT, EXAMPLE, "orders-to-erp.yaml"), "utf8")
    .replaceAll("http://127.0.0.1:4030", apis.shopUrl)
    .replaceAll("http://127.0.0.1:4020", apis.erpUrl);
  writeFileSync(path.join(dir, "orders.yaml"), yaml);
});

afterAll(async () => {
  await apis.close();
});

describe("examples/orders-to-erp", () => {
  it("is built from its TypeScript source: the committed YAML is what `build` writes", async () => {
    const built = await runCli(["build", `${EXAMPLE}/connector.ts`, "--out", EXAMPLE, "--check"], {
      timeoutMs: 180_000,
    });
    expect(built.code, built.stderr + built.stdout).toBe(0);
  }, 200_000);

  it("sends every paid order with its items and customer to the ERP, and every other order to review", async () => {
    const run = await runCli(["run", path.join(dir, "orders.yaml"), "--state", path.join(dir, "state.db"), "--json"], {
      env: ENV,
      cwd: dir,
    });
    expect(run.code, run.stderr).toBe(0);
    const customers = new Map(apis.shop.customers.map((c) => [c.id, c]));
    const paid = apis.shop.orders.filter((o) => o.status === "paid");
    const others = apis.shop.orders.filter((o) => o.status !== "paid");
    expect(paid.length).toBeGreaterThan(10);
    expect(others.length).toBeGreaterThan(5);

    const salesOrders = [...apis.salesOrders.orders.values()].sort((a, b) =>
      a.external_id.localeCompare(b.external_id),
    );
    expect(salesOrders).toEqual(
      paid.map((order) => ({
        external_id: order.id,
        customer: { name: customers.get(order.customer_id)!.name, email: customers.get(order.customer_id)!.email },
        currency: order.currency,
        lines: itemsOf(order).map(({ sku, quantity, unit_price }) => ({ sku, quantity, unit_price })),
      })),
    );
    expect(apis.salesOrders.received).toBe(paid.length);
    const reviews = [...(apis.shop.reviews as { order_id: string }[])].sort((a, b) =>
      a.order_id.localeCompare(b.order_id),
    );
    expect(reviews).toEqual(
      others.map((order) => ({
        order_id: order.id,
        status: order.status,
        reason: `order is ${order.status}, not paid`,
        customer_email: customers.get(order.customer_id)!.email,
      })),
    );
    const summary = JSON.parse(run.stdout) as { status: string; counts: { read: number; failed: number } };
    expect(summary.status).toBe("succeeded");
    expect(summary.counts.read).toBe(apis.shop.orders.reduce((n, order) => n + itemsOf(order).length, 0));
    expect(summary.counts.failed).toBe(0);
  });

  it("looks each customer up once per run (the enrichment's cache)", () => {
    const distinct = new Set(apis.shop.orders.map((o) => o.customer_id)).size;
    // Pages of 20 until a short one (45 orders: 20, 20, 5).
    const pages = Math.floor(apis.shop.orders.length / 20) + 1;
    // Order pages, one items request per order, one lookup per distinct customer, one review per other order.
    const reviews = apis.shop.orders.filter((o) => o.status !== "paid").length;
    expect(apis.shop.requests).toBe(pages + apis.shop.orders.length + distinct + reviews);
  });

  it("is documented by `cannectors docs`: the routes and their targets drawn", async () => {
    const docs = await runCli(["docs", `${EXAMPLE}/orders-to-erp.yaml`]);
    expect(docs.code, docs.stderr).toBe(0);
    expect(docs.stdout).toContain('output -- "when status is #quot;paid#quot;');
    expect(docs.stdout).toContain("POST /sales-orders");
    expect(docs.stdout).toContain("POST /order-reviews");
    expect(docs.stdout).toContain("enrich from GET /customers/{customer_id}");
    expect(docs.stdout).toContain("| Then, for each record | GET /orders/{id}/items (`id` from the record's `id`)");
  });
});
