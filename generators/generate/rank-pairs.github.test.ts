import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../openapi/index.js";
import { label } from "./endpoint-lists.js";
import { rankPairs } from "./rank-pairs.js";

const repo = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

describe("rankPairs on GitHub's whole spec → a Stripe-like target", () => {
  it("picks users → customers among ~400 lists × form-encoded writes, not the write-only account links", async () => {
    const [github, stripe] = await Promise.all([
      loadSpec(repo("node_modules/@octokit/openapi/generated/api.github.com.json")),
      loadSpec(repo("test/fixtures/generate-ranking/stripe-like.yaml")),
    ]);
    const started = process.cpuUsage();
    const ranked = rankPairs(github, stripe);
    const cpu = process.cpuUsage(started);
    const shown = ranked.map((p) => `${label(p.source.operation)} → ${label(p.target.operation)}`);
    expect(shown[0]).toBe("GET /users → POST /v1/customers");
    expect(shown.slice(0, 3).filter((s) => s.endsWith("POST /v1/account_links"))).toEqual([]);
    // Bounded: the suggester scores a shortlist, not 400 × 8 pairs (~1.5 s of CPU; CPU time, as the machine may be busy).
    expect(ranked.length).toBeLessThanOrEqual(40);
    expect((cpu.user + cpu.system) / 1e6).toBeLessThan(4);
  }, 20_000);
});
