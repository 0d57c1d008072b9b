export { createGuardedLookup, isBlockedAddress, isBlockedHost, type LookupFunction } from "./address-guard.js";
export { createHostAllowlist, type HostAllowlist } from "./host-allowlist.js";
export { createHttpClient, type HttpClientOptions } from "./http-client.js";
export {
  createRateLimiter,
  type HostRateLimit,
  type RateBudget,
  type RateLimit,
  type RateLimiter,
} from "./rate-limiter.js";
export { type RateLimitAdvice, readRateLimitHeaders } from "./rate-limit-headers.js";
export { DEFAULT_MAX_RESPONSE_BYTES } from "./response-body.js";
export * from "./retry.js";
export * from "./types.js";
