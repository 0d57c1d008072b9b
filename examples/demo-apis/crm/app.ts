import type { Hono } from "hono";
import { createJsonApp, errorBody } from "../json-app.js";
import { safeEqual } from "../safe-equal.js";
import { encodeCursor, idNumber } from "./cursor.js";
import type { Customer } from "./customer.js";
import { parseCustomerQuery, type CustomerQuery } from "./query.js";
import type { CrmState } from "./state.js";

export interface CustomerPage {
  data: Customer[];
  next_cursor: string | null;
  has_more: boolean;
}

/** One page of the customers matching the query, in updated_at order. */
export function customerPage(customers: readonly Customer[], query: CustomerQuery): CustomerPage {
  const matching = customers.filter(
    (c) =>
      idNumber(c.id) > query.after &&
      (query.status === undefined || c.status === query.status) &&
      (query.updatedAfterMs === undefined || Date.parse(c.updated_at) > query.updatedAfterMs),
  );
  const data = matching.slice(0, query.limit);
  const hasMore = matching.length > data.length;
  const last = data[data.length - 1];
  return { data, next_cursor: hasMore && last ? encodeCursor(last.id) : null, has_more: hasMore };
}

/** The demo CRM: `GET /customers` behind an API key, cursor-paginated. */
export function createCrmApp(state: CrmState, apiKey: string): Hono {
  const app = createJsonApp("demo CRM");
  app.get("/customers", (c) => {
    state.requests++;
    if (!safeEqual(c.req.header("x-api-key") ?? "", apiKey)) {
      return c.json(errorBody("unauthorized", "GET /customers needs a valid X-API-Key header"), 401);
    }
    const parsed = parseCustomerQuery(new URL(c.req.url).searchParams);
    if (!parsed.ok) return c.json(errorBody("invalid_parameter", parsed.message, { field: parsed.field }), 400);
    return c.json(customerPage(state.customers, parsed.query));
  });
  return app;
}
