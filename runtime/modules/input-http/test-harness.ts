/** Shared set-up for the input tests: a real server on 127.0.0.1, a real client, fake time. */
import { type Handler, startServer, type TestServer } from "../../../test/support/http-server.js";
import { HttpInput } from "../../artifact/index.js";
import { type Authenticator, noAuth } from "../../auth/index.js";
import type { SourcePage } from "../../engine/modules.js";
import { createHttpClient } from "../../net/http-client.js";
import type { RetryPolicy } from "../../net/retry.js";
import { type FakeClock, fakeClock, type LogEntry, plainRedactor, recordingLogger } from "../../net/testing.js";
import type { HttpClient } from "../../net/types.js";
import type { Redactor } from "../../secrets/types.js";
import type { FetchContext } from "./page-fetcher.js";

export interface Harness {
  server: TestServer;
  client: HttpClient;
  clock: FakeClock;
  logs: LogEntry[];
  redactor: Redactor & { secrets: string[] };
  context(overrides?: { auth?: Authenticator; retry?: Partial<RetryPolicy> }): FetchContext;
  /** An artifact input with schema defaults applied, pointing at the server. */
  spec(fields: Record<string, unknown>): HttpInput;
  close(): Promise<void>;
}

export async function harness(handler: Handler, allowedHosts: string[] = ["127.0.0.1"]): Promise<Harness> {
  const server = await startServer(handler);
  const client = createHttpClient({
    allowedHosts,
    allowLinkLocal: false,
    connectTimeoutMs: 2000,
    requestTimeoutMs: 5000,
  });
  const clock = fakeClock();
  const logger = recordingLogger();
  const redactor = plainRedactor();
  return {
    server,
    client,
    clock,
    logs: logger.entries,
    redactor,
    context: (overrides = {}) => ({
      connectorName: "test",
      client,
      logger,
      redactor,
      clock,
      retry: {
        maxAttempts: 3,
        initialDelayMs: 100,
        maxDelayMs: 1000,
        maxRetryAfterMs: 60_000,
        jitter: "none",
        ...overrides.retry,
      },
      signal: new AbortController().signal,
      random: () => 0.5,
      auth: overrides.auth ?? noAuth,
    }),
    spec: (fields) => HttpInput.parse({ type: "http", baseUrl: server.url, path: "/items", ...fields }),
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

export async function collect(pages: AsyncGenerator<SourcePage>): Promise<SourcePage[]> {
  const out: SourcePage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

export async function collectError(
  pages: AsyncGenerator<SourcePage>,
): Promise<{ pages: SourcePage[]; error: unknown }> {
  const out: SourcePage[] = [];
  try {
    for await (const page of pages) out.push(page);
  } catch (error) {
    return { pages: out, error };
  }
  return { pages: out, error: undefined };
}

/** Ids of every record, in the order the pages delivered them. */
export function ids(pages: SourcePage[]): unknown[] {
  return pages.flatMap((page) => page.records.map((record) => (record as { id: unknown }).id));
}

export const RECORDS = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, name: `r${i + 1}` }));

export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, "http://x").searchParams);
}
