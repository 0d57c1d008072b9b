/**
 * The one retry policy: after a failed attempt, whether to send again, when, and what the failure
 * does to the host. Pure (time and randomness come in), so it is tested as a table; the source's
 * page fetcher and the target's sender both follow it.
 *
 * - **Counting.** `maxAttempts` counts requests sent; the one resend right after a 401 made the
 *   authenticator refresh its credentials does not use the budget (the refresh is not a failure
 *   of the endpoint). Errors and dead letters report every request sent.
 * - **Order.** Out of attempts is checked before a too-long Retry-After: on the last attempt no
 *   wait was ever going to happen, so "gave up after N attempts" is the true reason.
 * - **Rate limiting.** A rate-limited answer (429, or what `responses.rateLimited` names) pauses
 *   every request to its host — whether or not this request is retried — for its Retry-After, else
 *   the backoff ceiling, never longer than `maxRetryAfter`.
 * - **Waiting.** The longer of the jittered backoff and the Retry-After.
 * - **Logging.** A retry is a `warn` (something is wrong, the run copes); giving up is the
 *   caller's error or dead letter.
 */
import { backoffCeiling, backoffDelay, type RetryPolicy } from "./retry.js";
import { parseRetryAfter } from "./retry-after.js";

export type AttemptFailure =
  /** A network error, a timeout, 408/425/429/5xx (or what the output's `responses` classes say). */
  | { kind: "transient"; status: number | null; retryAfter?: string | undefined; rateLimited?: boolean }
  | { kind: "unauthorized" }
  | { kind: "permanent" };

export interface RetryState {
  /** Requests sent so far for this request, the failed one included. */
  sent: number;
  /** Credentials were already refreshed once after a 401. */
  refreshed: boolean;
}

export type GiveUpReason = "permanent" | "unauthorized" | "attempts-exhausted" | "retry-after-too-long";

export type RetryDecision =
  /** Refresh the credentials, then send again at once (outside the budget); if they cannot be refreshed, give up. */
  | { action: "refresh-credentials" }
  | { action: "retry"; retry: number; waitMs: number; pauseHostMs?: number; logLevel: "warn" }
  | { action: "give-up"; reason: GiveUpReason; retryAfterMs?: number; pauseHostMs?: number };

export interface RetryContext {
  policy: RetryPolicy;
  nowMs: number;
  random?: (() => number) | undefined;
}

export function decideRetry(failure: AttemptFailure, state: RetryState, context: RetryContext): RetryDecision {
  if (failure.kind === "unauthorized") {
    return state.refreshed ? { action: "give-up", reason: "unauthorized" } : { action: "refresh-credentials" };
  }
  if (failure.kind === "permanent") return { action: "give-up", reason: "permanent" };
  const { policy } = context;
  // The attempts that count: the resend after a refresh is free.
  const counted = state.sent - (state.refreshed ? 1 : 0);
  const retryAfterMs = parseRetryAfter(failure.retryAfter, context.nowMs);
  const pauseHostMs = failure.rateLimited
    ? Math.min(retryAfterMs ?? backoffCeiling(counted, policy), policy.maxRetryAfterMs)
    : undefined;
  const known = {
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(pauseHostMs === undefined ? {} : { pauseHostMs }),
  };
  if (counted >= policy.maxAttempts) return { action: "give-up", reason: "attempts-exhausted", ...known };
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
    return { action: "give-up", reason: "retry-after-too-long", ...known };
  }
  const waitMs = Math.max(backoffDelay(counted, policy, context.random), retryAfterMs ?? 0);
  return {
    action: "retry",
    retry: counted,
    waitMs,
    ...(pauseHostMs === undefined ? {} : { pauseHostMs }),
    logLevel: "warn",
  };
}
