import {
  api,
  bearer,
  children,
  connector,
  fanout,
  oauth2ClientCredentials,
  page,
  route,
  routes,
  secret,
  via,
} from "cannectors";
import type { components as ErpOrders, paths as ErpOrderPaths } from "../demo-apis/types/erp-orders.js";
import type { components as Shop, paths as ShopPaths } from "../demo-apis/types/shop.js";

/**
 * Orders with their items, enriched with the customer: paid orders become sales orders in the ERP,
 * the others go to the shop's review queue. Dependent requests (each order's items), aggregation
 * (the items back into one order), enrichment (the customer), and routes over two targets. Needs
 * SHOP_TOKEN, ERP_CLIENT_ID and ERP_CLIENT_SECRET in the environment (README.md).
 */

type Customer = Shop["schemas"]["Customer"];
type SalesOrderLine = ErpOrders["schemas"]["SalesOrder"]["lines"][number];

/** One order, its items collected back into lines, its customer looked up. */
interface Order {
  order_id: string;
  status: "paid" | "pending" | "refunded";
  customer_id: string;
  currency: string;
  lines: SalesOrderLine[];
  customer: Customer;
}

const shop = api<ShopPaths>({ baseUrl: "http://127.0.0.1:4030", auth: bearer(secret("SHOP_TOKEN")) });
const erp = api<ErpOrderPaths>({
  baseUrl: "http://127.0.0.1:4020",
  auth: oauth2ClientCredentials({
    tokenUrl: "http://127.0.0.1:4020/oauth/token",
    clientId: secret("ERP_CLIENT_ID"),
    clientSecret: secret("ERP_CLIENT_SECRET"),
    clientAuth: "basic",
  }),
});

const orders = shop.get("/orders", {
  records: "data",
  pagination: page({ pageParam: "page", sizeParam: "per_page", size: 20 }),
});

export default connector({
  name: "orders-to-erp",
  version: "1.0.0",
  description: "Paid shop orders, with their items and customer, to the ERP as sales orders; the others to review.",
  labels: { source: "shop", target: "erp" },
})
  .from(
    children(orders, shop, "/orders/{id}/items", {
      records: "data",
      params: { id: "id" },
      carry: { order_id: "id", status: "status", customer_id: "customer_id", currency: "currency" },
      concurrency: 4,
    }),
  )
  .to(
    routes<Order>(
      [
        route(
          (order) => order.status === "paid",
          fanout<Order>(
            via(erp.post("/sales-orders", { idempotency: { key: (o) => o.external_id } }), (b) =>
              b.map((order) => ({
                external_id: order.order_id,
                customer: { name: order.customer.name, email: order.customer.email },
                currency: order.currency,
                lines: order.lines,
              })),
            ),
          ),
        ),
      ],
      {
        default: fanout<Order>(
          via(shop.post("/order-reviews", {}), (b) =>
            b.map((order) => ({
              order_id: order.order_id,
              status: order.status,
              reason: `order is ${order.status}, not paid`,
              customer_email: order.customer.email,
            })),
          ),
        ),
      },
    ),
  )
  // Each item as an order line, beside the order's fields it carries.
  .compute((item) => ({ line: { sku: item.sku, quantity: item.quantity, unit_price: item.unit_price } }))
  // The items of one order (one page of children) back into one order.
  .aggregate<Omit<Order, "customer">>({
    groupBy: ["order_id"],
    fields: [
      { target: "status", op: "first", from: "status" },
      { target: "customer_id", op: "first", from: "customer_id" },
      { target: "currency", op: "first", from: "currency" },
      { target: "lines", op: "collect", from: "line" },
    ],
  })
  .enrich<{ customer: Customer }>(shop, {
    path: "/customers/{customer_id}",
    into: "customer",
    cache: { ttl: "10m", maxEntries: 1000 },
    onFailure: "deadLetter",
  });
