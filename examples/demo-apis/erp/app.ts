import type { Context, Hono } from "hono";
import { createJsonApp, errorBody, readJson } from "../json-app.js";
import { type ErpClient, MAX_BATCH_SIZE } from "./client.js";
import { IdempotencyStore, type StoredResponse } from "./idempotency.js";
import { addSalesOrders, type SalesOrderBook } from "./sales-orders.js";
import { type ErpState, erpStats, storeClients } from "./state.js";
import { readClientCredentials, type TokenIssuer } from "./tokens.js";
import { type FieldIssue, validateClient } from "./validate.js";

/** Deterministic failures for showing retries: every `every`-th client request answers `status`. */
export interface ErpFaults {
  every: number;
  status: 429 | 503;
  retryAfterSeconds?: number;
}

export interface ErpAppOptions {
  state: ErpState;
  tokens: TokenIssuer;
  faults?: ErpFaults | undefined;
  /** Serves POST /sales-orders into this book (the orders example). */
  salesOrders?: SalesOrderBook | undefined;
}

/** Valid clients, or the problems and how many records the refused request carried. */
type Accept = (body: unknown) => { issues: FieldIssue[]; records: number } | { clients: ErpClient[] };

const acceptOne: Accept = (body) => {
  const issues = validateClient(body);
  return issues.length > 0 ? { issues, records: 1 } : { clients: [body as ErpClient] };
};

const acceptBatch: Accept = (body) => {
  const clients = (body as { clients?: unknown } | null)?.clients;
  if (!Array.isArray(clients))
    return { issues: [{ field: "clients", message: "must be an array of clients" }], records: 0 };
  if (clients.length === 0 || clients.length > MAX_BATCH_SIZE) {
    const message = `must hold 1 to ${MAX_BATCH_SIZE} clients, got ${clients.length}`;
    return { issues: [{ field: "clients", message }], records: clients.length };
  }
  const issues = clients.flatMap((client, index) => validateClient(client).map((issue) => ({ index, ...issue })));
  return issues.length > 0 ? { issues, records: clients.length } : { clients: clients as ErpClient[] };
};

function respond(single: boolean, clients: ErpClient[], created: number): StoredResponse {
  const first = clients[0];
  if (single && first) {
    return created === 1
      ? { status: 201, body: { client_id: first.client_id, result: "created" } }
      : { status: 200, body: { client_id: first.client_id, result: "updated" } };
  }
  return { status: 200, body: { accepted: clients.length, created, updated: clients.length - created } };
}

/** The demo ERP: OAuth2 client credentials, then single and batch client upserts with idempotency keys. */
export function createErpApp({ state, tokens, faults, salesOrders }: ErpAppOptions): Hono {
  const app = createJsonApp("demo ERP");
  const idempotency = new IdempotencyStore();

  app.post("/oauth/token", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    if (form.get("grant_type") !== "client_credentials") {
      return c.json(
        { error: "unsupported_grant_type", error_description: "only grant_type=client_credentials is supported" },
        400,
      );
    }
    if (!tokens.accepts(readClientCredentials(c.req.header("authorization"), form))) {
      c.header("WWW-Authenticate", 'Basic realm="demo-erp"');
      return c.json({ error: "invalid_client", error_description: "unknown client or wrong secret" }, 401);
    }
    state.tokensIssued++;
    c.header("Cache-Control", "no-store");
    return c.json(tokens.issue());
  });

  const upsert = (route: string, accept: Accept) => async (c: Context) => {
    state.requests++;
    if (!tokens.authorizes(c.req.header("authorization"))) {
      c.header("WWW-Authenticate", 'Bearer realm="demo-erp"');
      return c.json(
        errorBody("invalid_token", `${route} needs Authorization: Bearer <token from POST /oauth/token>`),
        401,
      );
    }
    if (faults && state.requests % faults.every === 0) {
      state.faultsInjected++;
      if (faults.retryAfterSeconds !== undefined) c.header("Retry-After", String(faults.retryAfterSeconds));
      return c.json(
        errorBody("injected_fault", `${route}: fault injected on request ${state.requests}`),
        faults.status,
      );
    }
    const key = c.req.header("idempotency-key");
    const parsed = await readJson(c.req);
    if (key !== undefined) {
      const seen = idempotency.lookup(route, key, parsed.raw);
      if (seen.kind === "replay") {
        state.idempotentReplays++;
        c.header("Idempotent-Replayed", "true");
        return c.json(seen.response.body, seen.response.status);
      }
      if (seen.kind === "conflict") {
        return c.json(
          errorBody("idempotency_key_reused", `Idempotency-Key "${key}" was used with a different body`),
          422,
        );
      }
    }
    if (!parsed.ok) return c.json(errorBody("invalid_json", `${route}: the body is not valid JSON`), 400);
    const accepted = accept(parsed.value);
    if ("issues" in accepted) {
      state.rejected += accepted.records;
      return c.json(
        errorBody("validation_failed", `${route}: ${describeIssue(accepted.issues[0])}`, accepted.issues),
        400,
      );
    }
    const { created } = storeClients(state, accepted.clients);
    const response = respond(route === "POST /clients", accepted.clients, created);
    if (key !== undefined) idempotency.remember(route, key, parsed.raw, response);
    return c.json(response.body, response.status);
  };

  app.post("/clients", upsert("POST /clients", acceptOne));
  app.post("/clients/batch", upsert("POST /clients/batch", acceptBatch));
  app.get("/_stats", (c) => c.json(erpStats(state)));
  if (salesOrders) addSalesOrders(app, salesOrders, tokens);
  return app;
}

function describeIssue(issue: FieldIssue | undefined): string {
  if (!issue) return "invalid body";
  return `${issue.index === undefined ? "" : `clients[${issue.index}].`}${issue.field} ${issue.message}`;
}
