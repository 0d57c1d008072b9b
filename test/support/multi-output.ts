/** Connectors with several outputs (routes, fanout, fallback) over loopback servers, for their tests. */
import { type Handler, sendJson, startServer, type TestServer } from "./http-server.js";

export interface Order {
  id: string;
  status: string;
  amount: number;
  updated: string;
}

export function orders(statuses: readonly string[]): Order[] {
  return statuses.map((status, i) => ({
    id: `o-${i + 1}`,
    status,
    amount: (i + 1) * 10,
    updated: `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`,
  }));
}

/** A source of `records` under `items` (one page) and a target per name, each with its own handler. */
export async function servers<N extends string>(
  records: readonly unknown[],
  targets: Record<N, Handler>,
): Promise<{ source: TestServer; targets: Record<N, TestServer>; all: TestServer[] }> {
  const source = await startServer((_req, res) => sendJson(res, 200, { items: records }));
  const started: Partial<Record<N, TestServer>> = {};
  for (const name of Object.keys(targets) as N[]) started[name] = await startServer(targets[name]);
  const done = started as Record<N, TestServer>;
  return { source, targets: done, all: [source, ...Object.values<TestServer>(done)] };
}

/** Accepts everything. */
export const accept: Handler = (_req, res) => sendJson(res, 200, { ok: true });

/** The connector around an `output:` block (indented by two spaces), incremental on `updated`. */
export function multiOutputYaml(name: string, source: string, output: string, settings = ""): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: ${name} }
input:
  type: http
  baseUrl: ${source}
  path: /orders
  records: items
  incremental: { cursorField: updated, param: since }
output:
${output}
settings:
  retries: { maxAttempts: 2, initialDelay: 10ms, maxDelay: 20ms }
${settings}`;
}

/** The JSON bodies a target received, one record per request (single-record mode). */
export function bodies(server: TestServer): unknown[] {
  return server.requests.map((r) => JSON.parse(r.body) as unknown);
}
