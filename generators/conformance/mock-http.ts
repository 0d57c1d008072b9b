import type { Context } from "hono";

/** One request a mock received: its number (1-based, per operation), when, and what it answered. */
export interface MockRequest {
  number: number;
  at: number;
  url: string;
  status: number;
  /** Source pages: how many records the page held (absent for a fault). */
  records?: number;
}

/** An answer given to the Nth request of an operation instead of the normal one. */
export interface Fault {
  /** 1-based number of the request that gets the fault (retries count as requests). */
  request: number;
  /** 429, 500, 503, … */
  status: number;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
}

export function faultResponse(c: Context, fault: Fault, request: MockRequest): Response {
  request.status = fault.status;
  if (fault.retryAfter !== undefined) c.header("Retry-After", String(fault.retryAfter));
  return c.json({ error: "injected_fault", message: `conformance fault: ${fault.status}` }, fault.status as 500);
}

/** Any client id and secret get a token: the mocks test the connector, not its credentials. */
export function tokenResponse(): Record<string, unknown> {
  return { access_token: "conformance-token", token_type: "Bearer", expires_in: 3600 };
}

/** Milliseconds between request `n` and the one after it (how long the client waited before retrying). */
export function gapAfter(requests: readonly MockRequest[], n: number): number {
  const at = requests.find((r) => r.number === n)?.at;
  const next = requests.find((r) => r.number === n + 1)?.at;
  return at === undefined || next === undefined ? Number.NaN : next - at;
}
