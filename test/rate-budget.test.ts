/**
 * Issue 14 item 7: one request budget per host, shared by every module that calls it. The input
 * (GET pages) and the output (POSTs) of one connector both talk to one loopback server, which
 * records when each request arrived; the budget is checked by counting requests per window.
 */
import { afterEach, describe, expect, it } from "vitest";
import { items, pagedArtifact, startPagedSource } from "./support/paged-source.js";
import { sendJson, type TestServer } from "./support/http-server.js";
import { runYaml } from "./support/run-yaml.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The most requests that arrived within any window of `ms`. */
function busiestWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= ms) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

const arrivals = (server: TestServer) => server.requests.map((r) => r.at);

async function run(settings: string, override?: Parameters<typeof startPagedSource>[2]) {
  const server = await startPagedSource(items(30), 5, override);
  servers.push(server);
  const yaml = pagedArtifact({
    name: "budget",
    source: server.url,
    target: server.url,
    output: "  path: /sink\n  method: POST\n",
    settings,
  });
  const { summary } = await runYaml(yaml);
  expect(summary).toMatchObject({ status: "succeeded", counts: { sent: 30 } });
  return server;
}

describe("settings.rateLimits: a per-host budget shared by the input and the output", () => {
  it("keeps input pages and output deliveries together within the host's budget", async () => {
    const server = await run("  concurrency: 4\n  rateLimits: [{ host: 127.0.0.1, requestsPerSecond: 10 }]\n");
    const gets = server.requests.filter((r) => r.method === "GET");
    const posts = server.requests.filter((r) => r.method === "POST");
    expect(gets).toHaveLength(6);
    expect(posts).toHaveLength(30);
    // 10 per second with a burst of 1: at most 11 of the 36 in any second (both edges), +3 for
    // arrivals that network and event-loop delays on a busy machine bunch together.
    expect(busiestWindow(arrivals(server), 1000)).toBeLessThanOrEqual(14);
    // Shared: pages kept being fetched while deliveries went out, not all reads first.
    const lastGet = Math.max(...gets.map((r) => r.at));
    expect(posts.some((r) => r.at < lastGet)).toBe(true);
  });

  it("a budget per minute, for another host, leaves this one unthrottled (the control)", async () => {
    const server = await run("  concurrency: 4\n  rateLimits: [{ host: elsewhere.example, requestsPerMinute: 60 }]\n");
    expect(busiestWindow(arrivals(server), 1000)).toBeGreaterThan(14);
  });

  it("an exhausted RateLimit window holds every module's requests to the host until it resets", async () => {
    let exhaustedAt: number | undefined;
    const server = await run("  concurrency: 4\n", (page, req, res) => {
      if (page !== 3 || exhaustedAt !== undefined) return false;
      exhaustedAt = req.at;
      const offset = 10;
      const data = items(30);
      sendJson(
        res,
        200,
        { items: data.slice(offset, offset + 5), next: String(offset + 5) },
        { ratelimit: '"default";r=0;t=1', "ratelimit-policy": '"default";q=1000;w=10' },
      );
      return true;
    });
    expect(exhaustedAt).toBeDefined();
    const at = exhaustedAt ?? 0;
    // Nothing, GET or POST, in the 900 ms after the window ran out (1 s reset, timer slack allowed),
    // but the deliveries already on the wire when the answer came (concurrency 4).
    const during = server.requests.filter((r) => r.at > at + 150 && r.at < at + 900);
    expect(during).toEqual([]);
    expect(server.requests.filter((r) => r.at >= at + 900).length).toBeGreaterThan(0);
  });
});
