import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter.js";
import { fakeClock } from "./testing.js";

describe("createRateLimiter", () => {
  it("spaces requests to one host at 1/rps once the burst is spent", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 2 }, clock);
    await Promise.all([1, 2, 3, 4].map(() => limiter.acquire("a.example")));
    expect(clock.sleeps).toEqual([500, 1000]);
  });

  it("keeps one bucket per host", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 1 }, clock);
    await limiter.acquire("a.example");
    await limiter.acquire("b.example");
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire("a.example");
    expect(clock.sleeps).toEqual([1000]);
  });

  it("refills while idle, up to the burst", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 10, burst: 3 }, clock);
    for (let i = 0; i < 3; i++) await limiter.acquire("h");
    clock.advance(60_000);
    for (let i = 0; i < 3; i++) await limiter.acquire("h");
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire("h");
    expect(clock.sleeps).toEqual([100]);
  });

  it("holds every request to a paused host, with or without a rate limit, and only that host", async () => {
    for (const limit of [undefined, { requestsPerSecond: 1000, burst: 10 }]) {
      const clock = fakeClock();
      const limiter = createRateLimiter(limit, clock);
      limiter.pause("busy.example", 5_000);
      limiter.pause("busy.example", 2_000); // a shorter pause never shortens a longer one
      await limiter.acquire("other.example");
      expect(clock.sleeps).toEqual([]);
      await limiter.acquire("busy.example");
      expect(clock.sleeps).toEqual([5_000]);
      await limiter.acquire("busy.example");
      expect(clock.sleeps).toEqual([5_000]);
    }
  });
});

describe("createRateLimiter with a budget naming hosts", () => {
  it("applies a named host's budget to that host (any port when none is named) and the default elsewhere", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(
      {
        default: { requestsPerSecond: 100 },
        hosts: [
          { host: "api.example", requestsPerSecond: 1 },
          { host: "api.example:8443", requestsPerSecond: 4 },
        ],
      },
      clock,
    );
    await limiter.acquire("api.example:9000");
    await limiter.acquire("api.example:9000");
    expect(clock.sleeps).toEqual([1000]);
    await limiter.acquire("api.example:8443");
    await limiter.acquire("api.example:8443");
    expect(clock.sleeps).toEqual([1000, 250]);
    await limiter.acquire("other.example");
    await limiter.acquire("other.example");
    expect(clock.sleeps).toEqual([1000, 250, 10]);
  });

  it("pauses a host whose response says its window is spent, until the window resets", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ maxHeaderPauseMs: 60_000 }, clock);
    limiter.observe("h", { "x-ratelimit-remaining": "3", "x-ratelimit-reset": "20" });
    await limiter.acquire("h");
    expect(clock.sleeps).toEqual([]);
    limiter.observe("h", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2" });
    await limiter.acquire("h");
    expect(clock.sleeps).toEqual([2000]);
    // GitHub sends the reset as epoch seconds.
    limiter.observe("h", {
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(Math.floor(clock.now() / 1000) + 7),
    });
    await limiter.acquire("h");
    expect(clock.sleeps[1]).toBeGreaterThan(6000);
    expect(clock.sleeps[1]).toBeLessThanOrEqual(7000);
    // Never longer than the cap (settings.retries.maxRetryAfter).
    limiter.observe("h", { "ratelimit-remaining": "0", "ratelimit-reset": "3600" });
    await limiter.acquire("h");
    expect(clock.sleeps[2]).toBe(60_000);
  });

  it("adopts an advertised RateLimit-Policy for a host settings do not name, never over a configured one", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ hosts: [{ host: "mine", requestsPerSecond: 50, burst: 1 }] }, clock);
    limiter.observe("theirs", { "ratelimit-policy": '"default";q=2;w=1' });
    for (let i = 0; i < 3; i++) await limiter.acquire("theirs");
    expect(clock.sleeps).toEqual([500]);
    limiter.observe("mine", { "ratelimit-policy": "1;w=10" });
    await limiter.acquire("mine");
    await limiter.acquire("mine");
    expect(clock.sleeps).toEqual([500, 20]);
  });
});
