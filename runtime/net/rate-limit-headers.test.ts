import { describe, expect, it } from "vitest";
import { readRateLimitHeaders } from "./rate-limit-headers.js";

const NOW = 1_700_000_000_000;

describe("readRateLimitHeaders", () => {
  it("reads X-RateLimit-* with a delta or an epoch reset", () => {
    expect(readRateLimitHeaders({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "30" }, NOW)).toEqual({
      remaining: 0,
      resetMs: 30_000,
    });
    expect(
      readRateLimitHeaders({ "x-ratelimit-remaining": "5", "x-ratelimit-reset": `${NOW / 1000 + 12}` }, NOW),
    ).toEqual({ remaining: 5, resetMs: 12_000 });
  });

  it("reads the IETF drafts: separate fields, draft -07's list, draft -08's structured items and the policy", () => {
    expect(readRateLimitHeaders({ "ratelimit-remaining": "1", "ratelimit-reset": "4" }, NOW)).toEqual({
      remaining: 1,
      resetMs: 4000,
    });
    expect(readRateLimitHeaders({ ratelimit: "limit=100, remaining=0, reset=9" }, NOW)).toEqual({
      remaining: 0,
      resetMs: 9000,
    });
    expect(
      readRateLimitHeaders(
        {
          ratelimit: '"hour";r=40;t=1800, "second";r=0;t=1',
          "ratelimit-policy": '"hour";q=1000;w=3600, "second";q=10;w=1',
        },
        NOW,
      ),
    ).toEqual({ remaining: 0, resetMs: 1000, policy: { quota: 1000, windowSeconds: 3600 } });
    expect(readRateLimitHeaders({ "ratelimit-policy": "100;w=60" }, NOW)).toEqual({
      policy: { quota: 100, windowSeconds: 60 },
    });
  });

  it("ignores what it cannot read", () => {
    expect(
      readRateLimitHeaders({ "x-ratelimit-remaining": "lots", "ratelimit-reset": "-3", ratelimit: "garbage" }, NOW),
    ).toEqual({});
  });
});
