import type { Clock } from "./types.js";

export interface RateLimit {
  requestsPerSecond: number;
  /** Requests allowed at once after an idle spell; default 1 (strict spacing). */
  burst?: number | undefined;
}

export interface RateLimiter {
  /** Resolves when a request to `host` may start. */
  acquire(host: string, signal?: AbortSignal): Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token bucket per host. A caller that finds no token reserves the next one (the balance goes
 * negative) and sleeps until it is due, so waiters are served in arrival order without a queue.
 */
export function createRateLimiter(limit: RateLimit, clock: Clock): RateLimiter {
  const capacity = Math.max(1, limit.burst ?? 1);
  const perMs = limit.requestsPerSecond / 1000;
  const buckets = new Map<string, Bucket>();
  return {
    async acquire(host, signal) {
      const now = clock.now();
      const bucket = buckets.get(host) ?? { tokens: capacity, updatedAt: now };
      bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
      bucket.updatedAt = now;
      bucket.tokens -= 1;
      buckets.set(host, bucket);
      if (bucket.tokens >= 0) return;
      await clock.sleep(Math.ceil(-bucket.tokens / perMs), signal);
    },
  };
}

export const unlimited: RateLimiter = { acquire: async () => {} };
