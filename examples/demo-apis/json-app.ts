import { Hono } from "hono";

/** The body of every error answer of the demo APIs. */
export interface ApiError {
  error: string;
  message: string;
  details?: unknown;
}

export function errorBody(error: string, message: string, details?: unknown): ApiError {
  return details === undefined ? { error, message } : { error, message, details };
}

/** A Hono app whose 404s and crashes answer in JSON too, so clients never have to parse HTML or text. */
export function createJsonApp(name: string): Hono {
  const app = new Hono();
  app.notFound((c) => c.json(errorBody("not_found", `${name}: no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => c.json(errorBody("internal_error", `${name}: ${error.message}`), 500));
  return app;
}

export type JsonBody = { ok: true; value: unknown; raw: string } | { ok: false; raw: string };

/** Reads a request body, keeping the raw text (idempotency hashes it) and whether it parsed as JSON. */
export async function readJson(request: { text(): Promise<string> }): Promise<JsonBody> {
  const raw = await request.text();
  try {
    return { ok: true, value: JSON.parse(raw) as unknown, raw };
  } catch {
    return { ok: false, raw };
  }
}
