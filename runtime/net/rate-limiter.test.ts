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
