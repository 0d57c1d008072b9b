import { describe, expect, it } from "vitest";
import type { RetryPolicy } from "./retry.js";
import { type AttemptFailure, decideRetry, type RetryDecision, type RetryState } from "./retry-decision.js";
import { seededRandom } from "./testing.js";

const NOW = Date.parse("2024-05-01T10:00:00Z");
const POLICY: RetryPolicy = {
  maxAttempts: 3,
  initialDelayMs: 100,
  maxDelayMs: 1000,
  maxRetryAfterMs: 60_000,
  jitter: "none",
};
const unavailable = (retryAfter?: string): AttemptFailure => ({ kind: "transient", status: 503, retryAfter });
const rateLimited = (retryAfter?: string): AttemptFailure => ({
  kind: "transient",
  status: 429,
  retryAfter,
  rateLimited: true,
});
const retry = (n: number, waitMs: number, pauseHostMs?: number): RetryDecision => ({
  action: "retry",
  retry: n,
  waitMs,
  ...(pauseHostMs === undefined ? {} : { pauseHostMs }),
  logLevel: "warn",
});

interface Row {
  name: string;
  given: AttemptFailure;
  state?: Partial<RetryState>;
  policy?: Partial<RetryPolicy>;
  want: RetryDecision;
}

const ROWS: Row[] = [
  // Counting and backoff.
  { name: "503 on the first attempt", given: unavailable(), want: retry(1, 100) },
  {
    name: "503 on the second attempt: the backoff doubles",
    given: unavailable(),
    state: { sent: 2 },
    want: retry(2, 200),
  },
  {
    name: "503 on the last attempt",
    given: unavailable(),
    state: { sent: 3 },
    want: { action: "give-up", reason: "attempts-exhausted" },
  },
  { name: "a network error (no status)", given: { kind: "transient", status: null }, want: retry(1, 100) },
  {
    name: "the backoff is capped at maxDelay",
    given: unavailable(),
    state: { sent: 9 },
    policy: { maxAttempts: 20 },
    want: retry(9, 1000),
  },
  {
    name: "maxAttempts 1: never retried",
    given: unavailable(),
    policy: { maxAttempts: 1 },
    want: { action: "give-up", reason: "attempts-exhausted" },
  },
  // 401: one refresh, outside the budget.
  { name: "the first 401", given: { kind: "unauthorized" }, want: { action: "refresh-credentials" } },
  {
    name: "a 401 after the refresh",
    given: { kind: "unauthorized" },
    state: { sent: 2, refreshed: true },
    want: { action: "give-up", reason: "unauthorized" },
  },
  {
    name: "503 after a refresh: the resend did not use the budget",
    given: unavailable(),
    state: { sent: 2, refreshed: true },
    want: retry(1, 100),
  },
  {
    name: "503 after a refresh, budget spent (4 requests for maxAttempts 3)",
    given: unavailable(),
    state: { sent: 4, refreshed: true },
    want: { action: "give-up", reason: "attempts-exhausted" },
  },
  { name: "a permanent failure", given: { kind: "permanent" }, want: { action: "give-up", reason: "permanent" } },
  // Retry-After.
  { name: "Retry-After in seconds", given: unavailable("3"), want: retry(1, 3000) },
  { name: "Retry-After shorter than the backoff", given: unavailable("0"), want: retry(1, 100) },
  {
    name: "Retry-After as an HTTP-date",
    given: unavailable(new Date(NOW + 7000).toUTCString()),
    want: retry(1, 7000),
  },
  { name: "Retry-After that is no number or date is ignored", given: unavailable("soon"), want: retry(1, 100) },
  { name: "a negative Retry-After is ignored", given: unavailable("-5"), want: retry(1, 100) },
  { name: "a fractional Retry-After is ignored", given: unavailable("1.5"), want: retry(1, 100) },
  {
    name: "Retry-After over the cap, attempts left",
    given: unavailable("120"),
    want: { action: "give-up", reason: "retry-after-too-long", retryAfterMs: 120_000 },
  },
  {
    name: "Retry-After over the cap on the last attempt: out of attempts is the reason",
    given: unavailable("120"),
    state: { sent: 3 },
    want: { action: "give-up", reason: "attempts-exhausted", retryAfterMs: 120_000 },
  },
  // Rate limiting pauses the host, retried or not, never past the cap.
  { name: "429 with Retry-After", given: rateLimited("7"), want: retry(1, 7000, 7000) },
  {
    name: "429 without Retry-After: paused for the backoff ceiling",
    given: rateLimited(),
    state: { sent: 2 },
    want: retry(2, 200, 200),
  },
  {
    name: "429 asking for a day: given up, the host paused for the cap",
    given: rateLimited("86400"),
    want: { action: "give-up", reason: "retry-after-too-long", retryAfterMs: 86_400_000, pauseHostMs: 60_000 },
  },
  {
    name: "429 on the last attempt still pauses the host",
    given: rateLimited(),
    state: { sent: 3 },
    want: { action: "give-up", reason: "attempts-exhausted", pauseHostMs: 400 },
  },
  { name: "503 with Retry-After does not pause the host", given: unavailable("7"), want: retry(1, 7000) },
  // Full jitter: a wait drawn in [0, ceiling]; the seed makes it reproducible.
  { name: "full jitter, seed 42", given: unavailable(), policy: { jitter: "full" }, want: retry(1, 60) },
  {
    name: "full jitter never undercuts Retry-After",
    given: unavailable("2"),
    policy: { jitter: "full" },
    want: retry(1, 2000),
  },
];

describe("decideRetry", () => {
  it.each(ROWS)("$name", ({ given, state, policy, want }) => {
    const decision = decideRetry(
      given,
      { sent: 1, refreshed: false, ...state },
      { policy: { ...POLICY, ...policy }, nowMs: NOW, random: seededRandom(42) },
    );
    expect(decision).toEqual(want);
  });

  it("draws successive jittered waits from one seeded source: the same seed, the same waits", () => {
    const waits = (seed: number) => {
      const random = seededRandom(seed);
      return [1, 2, 3].map((sent) => {
        const decision = decideRetry(
          unavailable(),
          { sent, refreshed: false },
          {
            policy: { ...POLICY, maxAttempts: 4, jitter: "full" },
            nowMs: NOW,
            random,
          },
        );
        return decision.action === "retry" ? decision.waitMs : undefined;
      });
    };
    expect(waits(42)).toEqual([60, 89, 340]);
    expect(waits(42)).toEqual(waits(42));
    expect(waits(7)).not.toEqual(waits(42));
    for (const [i, wait] of waits(7).entries()) expect(wait).toBeLessThanOrEqual(100 * 2 ** i);
  });
});
