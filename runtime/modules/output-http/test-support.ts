/** Test-only helpers for the output tests; the shared doubles come from runtime/net/testing. */
import { createHttpClient } from "../../net/http-client.js";
import type { RetryPolicy } from "../../net/retry.js";
import type { Clock, HttpClient } from "../../net/types.js";

export { type FakeClock, fakeClock, plainRedactor, recordingLogger } from "../../net/testing.js";

/** The real client, allowed to reach the local test servers. */
export function localClient(clock?: Clock): HttpClient {
  return createHttpClient({
    ...(clock ? { clock } : {}),
    allowedHosts: ["127.0.0.1"],
    allowLinkLocal: false,
    connectTimeoutMs: 2_000,
    requestTimeoutMs: 5_000,
  });
}

export { recordingDeadLetter as memoryDeadLetter } from "../../engine/testing.js";

export const noJitter = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxAttempts: 5,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  jitter: "none",
  ...overrides,
});
