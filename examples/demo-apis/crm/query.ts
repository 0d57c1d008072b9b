import { decodeCursor } from "./cursor.js";
import { CRM_DEFAULT_LIMIT, CRM_MAX_LIMIT, CUSTOMER_STATUSES, type CustomerStatus } from "./customer.js";

export interface CustomerQuery {
  limit: number;
  /** Numeric part of the last id already served. */
  after: number;
  updatedAfterMs: number | undefined;
  status: CustomerStatus | undefined;
}

export type QueryResult = { ok: true; query: CustomerQuery } | { ok: false; field: string; message: string };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isStatus(value: string): value is CustomerStatus {
  return (CUSTOMER_STATUSES as readonly string[]).includes(value);
}

/** Reads and checks the query of GET /customers; the first bad parameter is named in the answer. */
export function parseCustomerQuery(params: URLSearchParams): QueryResult {
  const query: CustomerQuery = { limit: CRM_DEFAULT_LIMIT, after: 0, updatedAfterMs: undefined, status: undefined };
  const limit = params.get("limit");
  if (limit !== null) {
    if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > CRM_MAX_LIMIT) {
      return {
        ok: false,
        field: "limit",
        message: `limit must be an integer from 1 to ${CRM_MAX_LIMIT}, got "${limit}"`,
      };
    }
    query.limit = Number(limit);
  }
  const cursor = params.get("cursor");
  if (cursor !== null && cursor !== "") {
    const after = decodeCursor(cursor);
    if (after === undefined)
      return { ok: false, field: "cursor", message: `cursor "${cursor}" was not issued by this API` };
    query.after = after;
  }
  const updatedAfter = params.get("updated_after");
  if (updatedAfter !== null && updatedAfter !== "") {
    const ms = Date.parse(updatedAfter);
    if (!ISO_INSTANT.test(updatedAfter) || Number.isNaN(ms)) {
      return {
        ok: false,
        field: "updated_after",
        message: `updated_after must be an ISO-8601 date-time, got "${updatedAfter}"`,
      };
    }
    query.updatedAfterMs = ms;
  }
  const status = params.get("status");
  if (status !== null && status !== "") {
    if (!isStatus(status)) {
      return {
        ok: false,
        field: "status",
        message: `status must be one of ${CUSTOMER_STATUSES.join(", ")}, got "${status}"`,
      };
    }
    query.status = status;
  }
  return { ok: true, query };
}
