import type { Clock } from "./types.js";

export interface RateLimit {
  requestsPerSecond: number;
  /** Requests allowed at once after an idle spell; default 1 (strict spacing). */
  burst?: number | undefined;
}

export interface RateLimiter {
  /**
   * Resolves when a request to `host` may start; undefined when it may start now (no limit, no
   * pause: the common case, which then costs no promise).
   */
  acquire(host: string, signal?: AbortSignal): Promise<void> | undefined;
  /** Holds every request to `host` for `ms` (a 429's Retry-After applies to the host, not to one request). */
  pause(host: string, ms: number): void;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token bucket per host (none without a limit), plus host pauses. A caller that finds no token
 * reserves the next one (the balance goes negative) and sleeps until it is due, so waiters are
 * served in arrival order without a queue.
 */
export function createRateLimiter(limit: RateLimit | undefined, clock: Clock): RateLimiter {
  const capacity = Math.max(1, limit?.burst ?? 1);
  const perMs = (limit?.requestsPerSecond ?? 0) / 1000;
  const buckets = new Map<string, Bucket>();
  const pausedUntil = new Map<string, number>();
  const take = (host: string, signal: AbortSignal | undefined): Promise<void> | undefined => {
    if (!limit) return undefined;
    const now = clock.now();
    const bucket = buckets.get(host) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    bucket.tokens -= 1;
    buckets.set(host, bucket);
    if (bucket.tokens >= 0) return undefined;
    return clock.sleep(Math.ceil(-bucket.tokens / perMs), signal);
  };
  return {
    acquire(host, signal) {
      const resume = pausedUntil.get(host);
      if (resume !== undefined) {
        const wait = resume - clock.now();
        if (wait > 0) return clock.sleep(wait, signal).then(() => take(host, signal));
        pausedUntil.delete(host);
      }
      return take(host, signal);
    },
    pause(host, ms) {
      const until = clock.now() + ms;
      if (until > (pausedUntil.get(host) ?? 0)) pausedUntil.set(host, until);
    },
  };
}
