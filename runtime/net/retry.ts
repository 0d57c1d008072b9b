import { durationMs } from "../artifact/common.js";
import type { RetrySettings } from "../artifact/settings.js";

export interface RetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  jitter: "full" | "none";
}

export function retryPolicyFrom(settings: RetrySettings): RetryPolicy {
  return {
    maxAttempts: settings.maxAttempts,
    initialDelayMs: durationMs(settings.initialDelay),
    maxDelayMs: durationMs(settings.maxDelay),
    maxRetryAfterMs: durationMs(settings.maxRetryAfter),
    jitter: settings.jitter,
  };
}

/** The backoff ceiling before attempt `retry` (1 = first retry): initial × 2^(retry-1), capped. */
export function backoffCeiling(retry: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, retry - 1));
}

/** Exponential backoff with full jitter (AWS architecture blog): a wait drawn in [0, ceiling]. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(retry, policy);
  return policy.jitter === "full" ? Math.floor(random() * ceiling) : ceiling;
}
