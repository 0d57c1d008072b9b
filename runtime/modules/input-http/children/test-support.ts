/** A loopback orders → items API for the dependent-requests tests: two paged levels, `since` on both. */
import type { ServerResponse } from "node:http";
import { type RecordedRequest, sendJson } from "../../../../test/support/http-server.js";

export interface Order {
  id: string;
  updated_at: string;
  customer: { id: number };
}
export interface Item {
  sku: string;
  created: string;
}

export interface OrdersApi {
  orders: Order[];
  items: Map<string, Item[]>;
  /** Answers a child request itself (returns true): a failure, a delay. */
  override?: (req: RecordedRequest, res: ServerResponse, orderId: string) => boolean | Promise<boolean>;
}

/** `count` orders, each with `perOrder` items (`o3-i2`), timestamps ascending within each level. */
export function ordersApi(count: number, perOrder: number): OrdersApi {
  const orders = Array.from({ length: count }, (_, i) => ({
    id: `o${i + 1}`,
    updated_at: `2026-01-${String(i + 1).padStart(2, "0")}`,
    customer: { id: 100 + i },
  }));
  const items = new Map(
    orders.map((order) => [
      order.id,
      Array.from({ length: perOrder }, (_, j) => ({ sku: `${order.id}-i${j + 1}`, created: `t${j + 1}` })),
    ]),
  );
  return { orders, items };
}

/** GET /orders?page&size&since, GET /orders/{id}/items?page&size&since: `{data: [...]}` pages. */
export function ordersHandler(api: OrdersApi) {
  return async (req: RecordedRequest, res: ServerResponse) => {
    const url = new URL(req.url, "http://x");
    const page = Number(url.searchParams.get("page") ?? "1");
    const size = Number(url.searchParams.get("size") ?? "100");
    const since = url.searchParams.get("since");
    const slice = <T>(all: T[]) => all.slice((page - 1) * size, page * size);
    if (url.pathname === "/orders") {
      return sendJson(res, 200, { data: slice(api.orders.filter((o) => since === null || o.updated_at > since)) });
    }
    const match = /^\/orders\/([^/]+)\/items$/.exec(url.pathname);
    const id = match ? decodeURIComponent(match[1]!) : undefined;
    const items = id === undefined ? undefined : api.items.get(id);
    if (id !== undefined && (await api.override?.(req, res, id))) return;
    if (!items) return sendJson(res, 404, { error: "no such order" });
    sendJson(res, 200, { data: slice(items.filter((item) => since === null || item.created > since)) });
  };
}
