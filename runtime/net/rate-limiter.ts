import { readRateLimitHeaders } from "./rate-limit-headers.js";
import type { Clock } from "./types.js";

export interface RateLimit {
  requestsPerSecond: number;
  /** Requests allowed at once after an idle spell; default 1 (strict spacing). */
  burst?: number | undefined;
}

/** One host's budget (settings.rateLimits): `host` without a port applies to every port of it. */
export interface HostRateLimit extends RateLimit {
  host: string;
}

export interface RateBudget {
  /** Every host not listed in `hosts` (settings.rateLimit). */
  default?: RateLimit | undefined;
  hosts?: readonly HostRateLimit[] | undefined;
  /** Longest pause a response's budget headers may impose (settings.retries.maxRetryAfter); default 60 s. */
  maxHeaderPauseMs?: number | undefined;
}

export interface RateLimiter {
  /**
   * Resolves when a request to `host` may start; undefined when it may start now (no limit, no
   * pause: the common case, which then costs no promise).
   */
  acquire(host: string, signal?: AbortSignal): Promise<void> | undefined;
  /** Holds every request to `host` for `ms` (a 429's Retry-After applies to the host, not to one request). */
  pause(host: string, ms: number): void;
  /**
   * Reads a response's budget headers (rate-limit-headers.ts): an exhausted window pauses the host
   * until it resets; an advertised policy becomes the host's budget when settings name none.
   */
  observe(host: string, headers: Record<string, string>): void;
}

interface Bucket {
  capacity: number;
  perMs: number;
  tokens: number;
  updatedAt: number;
}

function hostnameOf(host: string): string {
  return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
}

/**
 * One budget per host, shared by every module that calls it through this client (input, output,
 * token requests): a token bucket per host, plus host pauses. A caller that finds no token reserves
 * the next one (the balance goes negative) and sleeps until it is due, so waiters are served in
 * arrival order without a queue.
 */
export function createRateLimiter(budget: RateBudget | RateLimit | undefined, clock: Clock): RateLimiter {
  const config: RateBudget = budget && "requestsPerSecond" in budget ? { default: budget } : (budget ?? {});
  const maxHeaderPauseMs = config.maxHeaderPauseMs ?? 60_000;
  const buckets = new Map<string, Bucket | null>();
  const pausedUntil = new Map<string, number>();
  /** Hosts whose budget came from the artifact: a RateLimit-Policy header does not replace it. */
  const configured = new Set<string>();

  function limitOf(host: string): RateLimit | undefined {
    const named = config.hosts ?? [];
    const exact = named.find((limit) => limit.host.toLowerCase() === host.toLowerCase());
    const any = exact ?? named.find((limit) => limit.host.toLowerCase() === hostnameOf(host).toLowerCase());
    if (any) configured.add(host);
    return any ?? config.default;
  }

  function newBucket(limit: RateLimit | undefined): Bucket | null {
    if (!limit) return null;
    const capacity = Math.max(1, limit.burst ?? 1);
    return { capacity, perMs: limit.requestsPerSecond / 1000, tokens: capacity, updatedAt: clock.now() };
  }

  function bucketOf(host: string): Bucket | null {
    let bucket = buckets.get(host);
    if (bucket === undefined) {
      bucket = newBucket(limitOf(host));
      buckets.set(host, bucket);
    }
    return bucket;
  }

  function pause(host: string, ms: number): void {
    const until = clock.now() + ms;
    if (until > (pausedUntil.get(host) ?? 0)) pausedUntil.set(host, until);
  }

  /** A token for `host`: undefined when one is free now (no promise: the common case), else the wait. */
  function take(host: string, signal: AbortSignal | undefined): Promise<void> | undefined {
    const bucket = bucketOf(host);
    if (!bucket) return undefined;
    const now = clock.now();
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens + (now - bucket.updatedAt) * bucket.perMs);
    bucket.updatedAt = now;
    bucket.tokens -= 1;
    if (bucket.tokens >= 0) return undefined;
    return clock.sleep(Math.ceil(-bucket.tokens / bucket.perMs), signal);
  }

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
    pause,
    observe(host, headers) {
      // Every response passes here: most carry no budget header, and cost four lookups.
      if (
        headers["x-ratelimit-remaining"] === undefined &&
        headers["ratelimit-remaining"] === undefined &&
        headers.ratelimit === undefined &&
        headers["ratelimit-policy"] === undefined
      )
        return;
      const advice = readRateLimitHeaders(headers, clock.now());
      if (advice.remaining === 0 && advice.resetMs !== undefined && advice.resetMs > 0) {
        pause(host, Math.min(advice.resetMs, maxHeaderPauseMs));
      }
      const policy = advice.policy;
      if (policy === undefined) return;
      const current = bucketOf(host);
      if (configured.has(host)) return;
      const requestsPerSecond = policy.quota / policy.windowSeconds;
      if (current && current.perMs * 1000 <= requestsPerSecond) return;
      // The server's own quota, stricter than what we had: follow it from now on. A window already
      // spent is the pause's business (above), not the bucket's.
      buckets.set(host, newBucket({ requestsPerSecond, burst: Math.max(1, Math.floor(policy.quota)) }));
    },
  };
}
