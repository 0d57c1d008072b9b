/**
 * What a response says about the host's request budget, from the headers APIs actually send:
 *
 * - `X-RateLimit-Remaining` / `X-RateLimit-Reset` (GitHub, Twitter, Shopify-style): the reset is
 *   delta seconds, or epoch seconds when it is larger than 10^9 (GitHub sends epoch seconds).
 * - `RateLimit-Remaining` / `RateLimit-Reset` (IETF draft -00 to -06): delta seconds.
 * - `RateLimit: limit=100, remaining=0, reset=30` (draft -07) and `RateLimit: "default";r=0;t=30`
 *   (draft -08 and later, a structured list: r remaining, t reset seconds).
 * - `RateLimit-Policy: 100;w=60` (early drafts) or `"default";q=100;w=60` (later): the quota.
 *
 * Anything malformed is ignored: the headers advise, the 429 handling stays the safety net.
 */
export interface RateLimitAdvice {
  /** Requests left in the current window (the smallest of every limit the response names). */
  remaining?: number | undefined;
  /** Ms from `nowMs` until the window resets. */
  resetMs?: number | undefined;
  /** The advertised quota, the strictest one: `quota` requests per `windowSeconds`. */
  policy?: { quota: number; windowSeconds: number } | undefined;
}

const EPOCH_SECONDS_FLOOR = 1_000_000_000;

function number(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  return text.trim() !== "" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function resetMs(seconds: number | undefined, nowMs: number): number | undefined {
  if (seconds === undefined) return undefined;
  if (seconds > EPOCH_SECONDS_FLOOR) return Math.max(0, seconds * 1000 - nowMs);
  return seconds * 1000;
}

/** Items of a comma-separated list, each as its `key=value` (or `;key=value`) parameters; quotes dropped. */
function items(header: string): Array<{ name: string; params: Map<string, string> }> {
  return header.split(",").map((item) => {
    const parts = item.split(";").map((part) => part.trim());
    const params = new Map<string, string>();
    let name = "";
    for (const [index, part] of parts.entries()) {
      const eq = part.indexOf("=");
      if (eq < 0) {
        if (index === 0) name = part.replace(/^"|"$/g, "");
        continue;
      }
      params.set(
        part.slice(0, eq).trim().toLowerCase(),
        part
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, ""),
      );
    }
    return { name, params };
  });
}

function smallest(values: Array<number | undefined>): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : Math.min(...known);
}

/** Draft -07's `limit=, remaining=, reset=` items and draft -08's `r=`, `t=` parameters, in one header. */
function combinedHeader(header: string): { remaining?: number; reset?: number } {
  const list = items(header);
  // Draft -07 spreads one limit over several items (`limit=100, remaining=0, reset=30`).
  const flat = new Map<string, string>();
  for (const item of list) for (const [key, value] of item.params) if (!flat.has(key)) flat.set(key, value);
  // Several limits (per second, per hour): the one with the fewest requests left decides, and its own reset.
  const limits = [
    { remaining: number(flat.get("remaining")), reset: number(flat.get("reset")) },
    ...list.map((item) => ({ remaining: number(item.params.get("r")), reset: number(item.params.get("t")) })),
  ].filter((limit) => limit.remaining !== undefined);
  const remaining = smallest(limits.map((limit) => limit.remaining));
  const resets = limits.filter((limit) => limit.remaining === remaining).map((limit) => limit.reset ?? 0);
  const reset = resets.length === 0 ? undefined : Math.max(...resets);
  return {
    ...(remaining === undefined ? {} : { remaining }),
    ...(reset === undefined ? {} : { reset }),
  };
}

function policyHeader(header: string | undefined): RateLimitAdvice["policy"] {
  if (header === undefined) return undefined;
  let strictest: RateLimitAdvice["policy"];
  for (const item of items(header)) {
    const quota = number(item.params.get("q") ?? item.name);
    const windowSeconds = number(item.params.get("w"));
    if (quota === undefined || windowSeconds === undefined || windowSeconds === 0) continue;
    if (!strictest || quota / windowSeconds < strictest.quota / strictest.windowSeconds) {
      strictest = { quota, windowSeconds };
    }
  }
  return strictest;
}

/** Reads the budget headers of one response (names lower-cased, as the HTTP client gives them). */
export function readRateLimitHeaders(headers: Record<string, string>, nowMs: number): RateLimitAdvice {
  const combined = headers.ratelimit === undefined ? {} : combinedHeader(headers.ratelimit);
  const remaining = smallest([
    number(headers["x-ratelimit-remaining"]),
    number(headers["ratelimit-remaining"]),
    combined.remaining,
  ]);
  // A reset is only useful beside a remaining count; the latest of those given is the safe one.
  const resets = [
    resetMs(number(headers["x-ratelimit-reset"]), nowMs),
    resetMs(number(headers["ratelimit-reset"]), nowMs),
    resetMs(combined.reset, nowMs),
  ].filter((value): value is number => value !== undefined);
  const policy = policyHeader(headers["ratelimit-policy"]);
  return {
    ...(remaining === undefined ? {} : { remaining }),
    ...(resets.length === 0 ? {} : { resetMs: Math.max(...resets) }),
    ...(policy === undefined ? {} : { policy }),
  };
}
