/**
 * RabbitMQ input and output against the broker on 127.0.0.1:5672: delivery of 10,000 messages,
 * exact bodies, the dead letter after the redelivery limit, a connection cut mid-stream.
 */
import { describe, expect } from "vitest";
import { startServer } from "../support/http-server.js";
import { BROKERS, brokerIt, uniqueName, cleanupsAfterEach } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { amqpAdminRemoving, amqpToAmqp } from "./amqp-support.js";
import { runThroughTwoCuts } from "./cut-support.js";
import { expectDrainOutlastsSlowOutput, SLOW_OUTPUT_MESSAGES } from "./slow-output-support.js";

const it = await brokerIt("rabbitmq");
const cleanups = cleanupsAfterEach();

const admin = (...queues: string[]) => amqpAdminRemoving(cleanups, ...queues);

const body = (id: number) => `{"id":${id},"region":"eu","amount":12345678901234567890.10,"note":"n\\u00e9 ${id}"}`;

describe("amqp input → amqp output", () => {
  it("does not end a drain while the queue holds messages beyond its prefetch, its output slower than idleAfter", async () => {
    const from = uniqueName("in");
    const a = await admin(from);
    await a.queue(from);
    await a.publish(
      from,
      Array.from({ length: SLOW_OUTPUT_MESSAGES }, (_, i) => body(i)),
    );
    await expectDrainOutlastsSlowOutput({
      name: "amqp-slow-output",
      input: `  type: amqp\n  url: ${BROKERS.rabbitmq.url}\n  queue: ${from}`,
      outstanding: () => a.depth(from),
      cleanups,
    });
  }, 30_000);

  it("delivers 10,000 messages exactly, each with its idempotency key, and empties the source queue", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const a = await admin(from, to);
    await a.queue(from);
    await a.queue(to);
    const ids = Array.from({ length: 10_000 }, (_, i) => i);
    await a.publish(from, ids.map(body));
    const url = BROKERS.rabbitmq.url;
    const { summary, dead } = await runYaml(
      amqpToAmqp({ name: "amqp-10k", from, to, inUrl: url, outUrl: url, batch: 200 }),
    );
    expect(summary.status).toBe("succeeded");
    expect(dead).toEqual([]);
    expect(summary.counts.sent).toBe(10_000);
    expect(await a.depth(from)).toBe(0);
    const out = await a.drain(to);
    expect(out).toHaveLength(10_000);
    const byId = new Map(out.map((m) => [JSON.parse(m.body).id as number, m]));
    expect(byId.size).toBe(10_000);
    // Exact: the 20-digit decimal and the escaped text travel as they came (no float rounding).
    expect(byId.get(42)!.body).toBe('{"id":42,"region":"eu","amount":12345678901234567890.10,"note":"né 42"}');
    expect(byId.get(42)!.headers["X-Region"]).toBe("eu");
    expect(byId.get(42)!.headers["Idempotency-Key"]).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(out.map((m) => m.headers["Idempotency-Key"])).size).toBe(10_000);
  }, 300_000);

  it("reconnects both sides after the connections are cut mid-stream, losing nothing", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const a = await admin(from, to);
    await a.queue(from);
    await a.queue(to);
    await a.publish(
      from,
      Array.from({ length: 3_000 }, (_, i) => body(i)),
    );
    await runThroughTwoCuts({
      port: BROKERS.rabbitmq.port,
      scheme: "amqp://guest:guest@",
      yaml: (inUrl, outUrl) => amqpToAmqp({ name: "amqp-cut", from, to, inUrl, outUrl, batch: 50 }),
      cleanups,
    });
    expect(await a.depth(from)).toBe(0);
    const ids = new Set((await a.drain(to)).map((m) => JSON.parse(m.body).id as number));
    expect(ids.size).toBe(3_000);
  }, 300_000);

  it("dead-letters a message that keeps failing to the queue's dead-letter queue after the limit; the rest are delivered", async () => {
    const [from, dlq] = [uniqueName("in"), uniqueName("dlq")];
    const a = await admin(from, dlq);
    await a.queue(from, dlq);
    await a.publish(
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
  name: amqp-poison
input:
  type: amqp
  url: ${BROKERS.rabbitmq.url}
  queue: ${from}
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
    const statuses: string[] = [];
    for (let run = 0; run < 3; run++) {
      const controller = new AbortController();
      const poisonBefore = seen.get(7) ?? 0;
      const watch = setInterval(() => {
        if ((seen.get(7) ?? 0) > poisonBefore && seen.size === 20) controller.abort(new Error("poisoned"));
      }, 50);
      const { summary } = await runYaml(yaml, { signal: controller.signal, drainTimeoutMs: 200 });
      clearInterval(watch);
      statuses.push(summary.status);
    }
    // Delivered, redelivered once (the limit), then over the limit: the broker's dead-letter queue.
    expect(seen.get(7)).toBe(2);
    expect(statuses[2]).toBe("succeeded");
    for (let id = 0; id < 20; id++) expect(seen.get(id)).toBeGreaterThanOrEqual(1);
    expect(await a.depth(from)).toBe(0);
    const dead = await a.drain(dlq);
    expect(dead.map((m) => JSON.parse(m.body).id)).toEqual([7]);
  }, 60_000);
});
