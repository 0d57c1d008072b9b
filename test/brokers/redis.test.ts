/**
 * Redis Streams input and output against the server on 127.0.0.1:6379: delivery of 10,000
 * entries, exact bodies, the dead letter after the redelivery limit (XPENDING delivery count),
 * a connection cut mid-stream.
 */
import { afterEach, describe, expect } from "vitest";
import { BROKERS, brokerIt, uniqueName } from "../support/brokers.js";
import { startServer } from "../support/http-server.js";
import { runYaml } from "../support/run-yaml.js";
import { startTcpProxy } from "../support/tcp-proxy.js";
import { redisAdmin, redisToRedis } from "./redis-support.js";

const it = await brokerIt("redis");
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function admin(..._streams: string[]) {
  const a = await redisAdmin();
  cleanups.push(() => a.close());
  return a;
}

const body = (id: number) => `{"id":${id},"region":"eu","amount":12345678901234567890.10,"note":"n\\u00e9 ${id}"}`;

describe("redis input → redis output", () => {
  it("delivers 10,000 entries exactly, each with its idempotency key as a field, and acknowledges them all", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const a = await admin(from, to);
    await a.append(
      from,
      Array.from({ length: 10_000 }, (_, i) => body(i)),
    );
    const { summary, dead } = await runYaml(redisToRedis({ name: "redis-10k", from, to, batch: 200 }));
    expect(summary.error).toBeUndefined();
    expect(dead).toEqual([]);
    expect(summary.counts.sent).toBe(10_000);
    expect(await a.outstanding(from, "relay")).toBe(0);
    const out = await a.read(to);
    expect(out).toHaveLength(10_000);
    const byId = new Map(out.map((m) => [JSON.parse(m.fields.body!).id as number, m]));
    expect(byId.size).toBe(10_000);
    expect(byId.get(42)!.fields.body).toBe('{"id":42,"region":"eu","amount":12345678901234567890.10,"note":"né 42"}');
    expect(byId.get(42)!.fields["X-Region"]).toBe("eu");
    expect(byId.get(42)!.fields["Idempotency-Key"]).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(out.map((m) => m.fields["Idempotency-Key"])).size).toBe(10_000);
  }, 120_000);

  it("reconnects both sides after the connections are cut mid-stream, losing nothing", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const a = await admin(from, to);
    await a.append(
      from,
      Array.from({ length: 3_000 }, (_, i) => body(i)),
    );
    const [inProxy, outProxy] = [await startTcpProxy(BROKERS.redis.port), await startTcpProxy(BROKERS.redis.port)];
    cleanups.push(
      () => inProxy.close(),
      () => outProxy.close(),
    );
    const via = (port: number) => `redis://127.0.0.1:${port}`;
    let cuts = 0;
    const { summary } = await runYaml(
      redisToRedis({ name: "redis-cut", from, to, inUrl: via(inProxy.port), outUrl: via(outProxy.port), batch: 50 }),
      {
        logSinks: [
          (e) => (process.env.DEBUG_BROKER ? console.log(e.message, JSON.stringify(e.fields ?? e)) : undefined),
        ],
        onProgress: (counts) => {
          if ((cuts === 0 && counts.sent >= 500) || (cuts === 1 && counts.sent >= 1_500)) {
            cuts++;
            inProxy.cut();
            outProxy.cut();
          }
        },
      },
    );
    expect(summary.error).toBeUndefined();
    expect(cuts).toBe(2);
    expect(inProxy.connections).toBeGreaterThanOrEqual(3);
    expect(summary.counts.failed).toBe(0);
    expect(await a.outstanding(from, "relay")).toBe(0);
    const out = await a.read(to);
    // Every record arrived; a batch re-sent after a cut may add copies, each with its record's key.
    expect(new Set(out.map((m) => JSON.parse(m.fields.body!).id as number)).size).toBe(3_000);
    expect(new Set(out.map((m) => m.fields["Idempotency-Key"])).size).toBe(3_000);
  }, 120_000);

  it("dead-letters an entry that keeps failing to the dead-letter file after the limit and acknowledges it; the rest are delivered", async () => {
    const from = uniqueName("in");
    const a = await admin(from);
    await a.append(
      from,
      Array.from({ length: 20 }, (_, i) => body(i)),
    );
    // The target never answers for record 7: each run is stopped with it unacknowledged.
    const seen = new Map<number, number>();
    const sink = await startServer((req, res) => {
      const id = JSON.parse(req.body).id as number;
      seen.set(id, (seen.get(id) ?? 0) + 1);
      if (id === 7) return;
      res.writeHead(200).end("{}");
    });
    cleanups.push(() => sink.close());
    const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: redis-poison
input:
  type: redis
  url: ${BROKERS.redis.url}
  stream: ${from}
  group: relay
  redeliveryLimit: 1
  idleAfter: 500ms
output:
  type: http
  baseUrl: ${sink.url}
  path: /sink
settings:
  concurrency: 4
  timeouts:
    request: 60s
`;
    const runs: { status: string; dead: string[] }[] = [];
    for (let run = 0; run < 3; run++) {
      // The last run has good messages too: one whose every record failed would be a failed run, this one is partial.
      if (run === 2) await a.append(from, [body(20), body(21)]);
      const controller = new AbortController();
      const poisonBefore = seen.get(7) ?? 0;
      const watch = setInterval(() => {
        if ((seen.get(7) ?? 0) > poisonBefore && seen.size >= 20) controller.abort(new Error("poisoned"));
      }, 50);
      const { summary, dead } = await runYaml(yaml, {
        signal: controller.signal,
        drainTimeoutMs: 200,
        logSinks: [
          (e) => (process.env.DEBUG_BROKER ? console.log(e.message, JSON.stringify(e.fields ?? e)) : undefined),
        ],
      });
      clearInterval(watch);
      runs.push({ status: summary.status, dead });
      if (process.env.DEBUG_BROKER) console.log(run, summary.status, summary.counts, dead, [...seen]);
    }
    // Delivered, redelivered once (the limit), then over the limit: the dead-letter file, and acknowledged.
    expect(seen.get(7)).toBe(2);
    expect(runs[2]!.status).toBe("partial");
    expect(runs[2]!.dead).toHaveLength(1);
    const entry = JSON.parse(runs[2]!.dead[0]!);
    expect(JSON.stringify(entry)).toContain("over the limit of 1");
    expect(JSON.stringify(entry)).toContain('\\"id\\":7');
    for (let id = 0; id < 22; id++) expect(seen.get(id)).toBeGreaterThanOrEqual(1);
    expect(await a.outstanding(from, "relay")).toBe(0);
  }, 60_000);
});
