import type { Hono } from "hono";
import { createJsonApp, errorBody, readJson } from "../json-app.js";
import { safeEqual } from "../safe-equal.js";
import { itemsOf, type Order } from "./orders.js";

export interface ShopCustomer {
  id: string;
  name: string;
  email: string;
  segment: "retail" | "business";
}

export interface ShopState {
  readonly orders: readonly Order[];
  readonly customers: readonly ShopCustomer[];
  /** Orders sent to the review queue (POST /order-reviews), as received. */
  readonly reviews: unknown[];
  requests: number;
}

/**
 * The demo shop: `GET /orders` (page-numbered), `GET /orders/{id}/items`, `GET /customers/{id}`, and
 * `POST /order-reviews`, the back office's queue of orders a person must look at; all behind a
 * bearer token.
 */
export function createShopApp(state: ShopState, token: string): Hono {
  const app = createJsonApp("demo shop");
  app.use("*", async (c, next) => {
    state.requests++;
    if (!safeEqual(c.req.header("authorization") ?? "", `Bearer ${token}`)) {
      return c.json(errorBody("unauthorized", "the demo shop needs Authorization: Bearer <token>"), 401);
    }
    await next();
  });
  app.get("/orders", (c) => {
    const page = Number(c.req.query("page") ?? "1");
    const perPage = Number(c.req.query("per_page") ?? "20");
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return c.json(errorBody("invalid_parameter", "page ≥ 1 and per_page in 1..100 are integers"), 400);
    }
    const data = state.orders.slice((page - 1) * perPage, page * perPage);
    return c.json({ data, page, per_page: perPage, total: state.orders.length });
  });
  app.get("/orders/:id/items", (c) => {
    const order = state.orders.find((o) => o.id === c.req.param("id"));
    if (order === undefined) return c.json(errorBody("not_found", `no order ${c.req.param("id")}`), 404);
    return c.json({ data: itemsOf(order) });
  });
  app.get("/customers/:id", (c) => {
    const customer = state.customers.find((candidate) => candidate.id === c.req.param("id"));
    if (customer === undefined) return c.json(errorBody("not_found", `no customer ${c.req.param("id")}`), 404);
    return c.json(customer);
  });
  app.post("/order-reviews", async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok || typeof body.value !== "object" || body.value === null || Array.isArray(body.value)) {
      return c.json(errorBody("invalid_body", "a review is a JSON object"), 400);
    }
    const review = body.value as { order_id?: unknown };
    if (typeof review.order_id !== "string") {
      return c.json(errorBody("invalid_body", "order_id (string) is required", { field: "order_id" }), 422);
    }
    state.reviews.push(body.value);
    return c.json({ queued: review.order_id }, 201);
  });
  return app;
}
