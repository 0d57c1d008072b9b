/**
 * A RabbitMQ input behind a page-level filter (an aggregate whose window spans pages) against the
 * broker on 127.0.0.1:5672: every message is delivered once and acknowledged, so the queue is left
 * empty. The pump's page-level path once never settled a page: nothing was acknowledged, and every
 * message came back to the queue when the run closed its channel.
 */
import { describe, expect } from "vitest";
import { startServer } from "../support/http-server.js";
import { BROKERS, brokerIt, cleanupsAfterEach } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { amqpRelayQueues } from "./amqp-support.js";
import { relayYaml } from "./relay-yaml.js";

const it = await brokerIt("rabbitmq");
const cleanups = cleanupsAfterEach();

const MESSAGES = 200;

describe("amqp input → aggregate filter → http output", () => {
  it("delivers each message once and acknowledges all of them: none ready, none unacknowledged after", async () => {
    const bodies = Array.from({ length: MESSAGES }, (_, id) => JSON.stringify({ id, region: "eu" }));
    const { admin: a, from: queue } = await amqpRelayQueues(cleanups, bodies);
    const seen = new Map<number, number>();
    const sink = await startServer((req, res) => {
      for (const record of JSON.parse(req.body) as { id: number; messages: number }[]) {
        seen.set(record.id, (seen.get(record.id) ?? 0) + record.messages);
      }
      res.writeHead(200).end("{}");
    });
    cleanups.push(() => sink.close());
    // Pages of up to 20 messages (the batch size) and a window of 50 records: the filter holds
    // records across pages, so a page settles only with the batch of its last records.
    const yaml = relayYaml({
      name: "amqp-aggregate",
      input: `  type: amqp\n  url: ${BROKERS.rabbitmq.url}\n  queue: ${queue}`,
      filters: `  - type: aggregate
    groupBy: [id]
    window: { records: 50 }
    fields:
      - { target: messages, op: count }
      - { target: region, op: first, from: region }`,
      output: `  type: http\n  baseUrl: ${sink.url}\n  path: /sink`,
      batch: 20,
      idleAfter: "300ms",
    });
    const { summary, dead } = await runYaml(yaml);
    expect(summary.error).toBeUndefined();
    expect(dead).toEqual([]);
    expect(summary.counts.sent).toBe(MESSAGES);
    expect(seen.size).toBe(MESSAGES);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    // The run's channel is closed (no consumer), so an unacknowledged message would be back in the queue.
    const channel = await a.model.createChannel();
    const after = await channel.checkQueue(queue);
    await channel.close();
    expect({ ready: after.messageCount, consumers: after.consumerCount }).toEqual({ ready: 0, consumers: 0 });
  }, 20_000);
});
