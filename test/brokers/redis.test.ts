/**
 * Redis Streams input and output against the server on 127.0.0.1:6379: delivery of 10,000
 * entries, exact bodies, the dead letter after the redelivery limit (XPENDING delivery count),
 * a connection cut mid-stream.
 */
import { describe, expect } from "vitest";
import { BROKERS, brokerIt, uniqueName, cleanupsAfterEach } from "../support/brokers.js";
import { startServer } from "../support/http-server.js";
import { runYaml } from "../support/run-yaml.js";
import { runThroughTwoCuts } from "./cut-support.js";
import { expectPoisonDeadLettered } from "./poison-support.js";
import { redisAdmin, redisToRedis } from "./redis-support.js";
import { relayYaml } from "./relay-yaml.js";
import { expectDrainOutlastsSlowOutput, SLOW_OUTPUT_MESSAGES } from "./slow-output-support.js";

const it = await brokerIt("redis");
const cleanups = cleanupsAfterEach();

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
    await runThroughTwoCuts({
      port: BROKERS.redis.port,
      scheme: "redis://",
      yaml: (inUrl, outUrl) => redisToRedis({ name: "redis-cut", from, to, inUrl, outUrl, batch: 50 }),
      cleanups,
    });
    expect(await a.outstanding(from, "relay")).toBe(0);
    const out = await a.read(to);
    // Every record arrived; a batch re-sent after a cut may add copies, each with its record's key.
    expect(new Set(out.map((m) => JSON.parse(m.fields.body!).id as number)).size).toBe(3_000);
    expect(new Set(out.map((m) => m.fields["Idempotency-Key"])).size).toBe(3_000);
  }, 120_000);

  it("does not end a drain while the group holds entries it had no room for, its output slower than idleAfter", async () => {
    const from = uniqueName("in");
    const a = await admin(from);
    await a.append(
      from,
      Array.from({ length: SLOW_OUTPUT_MESSAGES }, (_, i) => body(i)),
    );
    await expectDrainOutlastsSlowOutput({
      name: "redis-slow-output",
      input: `  type: redis\n  url: ${BROKERS.redis.url}\n  stream: ${from}\n  group: relay`,
      outstanding: () => a.outstanding(from, "relay"),
      cleanups,
    });
  }, 30_000);

  it("does not end a drain while entries delivered to its consumer never reached it: it reads them again", async () => {
    const from = uniqueName("in");
    const a = await admin(from);
    await a.append(from, [body(0), body(1)]);
    const seen: number[] = [];
    let cut = false;
    const sink = await startServer(async (req, res) => {
      // While the run holds its first entries, three more go to its consumer and are lost on the way.
      if (!cut) {
        cut = true;
        await a.deliverUnseen(from, "relay", "cannectors", [body(2), body(3), body(4)]);
      }
      for (const record of JSON.parse(req.body) as { id: number }[]) seen.push(record.id);
      res.writeHead(200).end("{}");
    });
    cleanups.push(() => sink.close());
    const yaml = relayYaml({
      name: "redis-unseen",
      input: `  type: redis\n  url: ${BROKERS.redis.url}\n  stream: ${from}\n  group: relay`,
      output: `  type: http\n  baseUrl: ${sink.url}\n  path: /sink`,
      batch: 10,
      // Shorter than one blocking read (1 s): the drain must wait for the reread, not just outlast it.
      idleAfter: "300ms",
    });
    const { summary } = await runYaml(yaml);
    expect(summary.error).toBeUndefined();
    expect(new Set(seen)).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(await a.outstanding(from, "relay")).toBe(0);
  }, 30_000);

  it("dead-letters an entry that keeps failing to the dead-letter file after the limit and acknowledges it; the rest are delivered", async () => {
    const from = uniqueName("in");
    const a = await admin(from);
    // Over the limit: the dead-letter file, and the entry acknowledged.
    await expectPoisonDeadLettered({
      name: "redis-poison",
      input: `  type: redis
  url: ${BROKERS.redis.url}
  stream: ${from}
  group: relay
  redeliveryLimit: 1`,
      publish: (bodies) => a.append(from, bodies),
      outstanding: () => a.outstanding(from, "relay"),
      body,
      cleanups,
    });
  }, 60_000);
});
