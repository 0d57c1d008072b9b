import type { Hono } from "hono";
import { errorBody, readJson } from "../json-app.js";
import type { TokenIssuer } from "./tokens.js";

export interface SalesOrderLine {
  sku: string;
  quantity: number;
  unit_price: string;
}

export interface SalesOrder {
  external_id: string;
  customer: { name: string; email: string };
  currency: string;
  lines: SalesOrderLine[];
}

/** Sales orders the ERP stored, by external_id (a later write of the same id replaces the earlier). */
export interface SalesOrderBook {
  orders: Map<string, SalesOrder>;
  /** Writes accepted, repeats included. */
  received: number;
}

export const createSalesOrderBook = (): SalesOrderBook => ({ orders: new Map(), received: 0 });

const DECIMAL = /^\d+\.\d{2}$/;

/** The first problem of a sales order, as `field message`, or undefined when it is valid. */
export function salesOrderProblem(body: unknown): string | undefined {
  const order = body as Partial<SalesOrder> | null;
  if (typeof order !== "object" || order === null || Array.isArray(order)) return "body must be an object";
  if (typeof order.external_id !== "string" || order.external_id === "") return "external_id must be a string";
  if (typeof order.customer?.name !== "string" || typeof order.customer?.email !== "string") {
    return "customer must hold name and email strings";
  }
  if (typeof order.currency !== "string") return "currency must be a string";
  if (!Array.isArray(order.lines) || order.lines.length === 0) return "lines must be a non-empty array";
  for (const [index, line] of order.lines.entries()) {
    if (typeof line?.sku !== "string") return `lines[${index}].sku must be a string`;
    if (!Number.isInteger(line.quantity) || line.quantity < 1) return `lines[${index}].quantity must be an integer ≥ 1`;
    if (typeof line.unit_price !== "string" || !DECIMAL.test(line.unit_price)) {
      return `lines[${index}].unit_price must be a decimal string with two places`;
    }
  }
  return undefined;
}

/** `POST /sales-orders`: a bearer token from POST /oauth/token, one order per request, upsert by external_id. */
export function addSalesOrders(app: Hono, book: SalesOrderBook, tokens: TokenIssuer): void {
  app.post("/sales-orders", async (c) => {
    if (!tokens.authorizes(c.req.header("authorization"))) {
      return c.json(errorBody("invalid_token", "POST /sales-orders needs a bearer token from POST /oauth/token"), 401);
    }
    const parsed = await readJson(c.req);
    if (!parsed.ok) return c.json(errorBody("invalid_json", "POST /sales-orders: the body is not valid JSON"), 400);
    const problem = salesOrderProblem(parsed.value);
    if (problem !== undefined) return c.json(errorBody("validation_failed", `POST /sales-orders: ${problem}`), 400);
    const order = parsed.value as SalesOrder;
    const created = !book.orders.has(order.external_id);
    book.orders.set(order.external_id, order);
    book.received++;
    return c.json({ external_id: order.external_id, result: created ? "created" : "updated" }, created ? 201 : 200);
  });
}
