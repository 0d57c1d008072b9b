/**
 * NATS JetStream input and output against the server on 127.0.0.1:4222: delivery of 10,000
 * messages, exact bodies, Nats-Msg-Id de-duplication, the dead letter after the redelivery limit,
 * a connection cut mid-stream.
 */
import { describe, expect } from "vitest";
import { BROKERS, brokerIt, uniqueName, cleanupsAfterEach } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { runThroughTwoCuts } from "./cut-support.js";
import { expectPoisonDeadLettered } from "./poison-support.js";
import { natsAdminWith, natsToNats } from "./nats-support.js";
import { expectDrainOutlastsSlowOutput, SLOW_OUTPUT_MESSAGES } from "./slow-output-support.js";

const it = await brokerIt("nats");
const cleanups = cleanupsAfterEach();

const admin = (...streams: string[]) => natsAdminWith(cleanups, ...streams);

const body = (id: number) => `{"id":${id},"region":"eu","amount":12345678901234567890.10,"note":"n\\u00e9 ${id}"}`;

describe("nats input → nats output", () => {
  it("delivers 10,000 messages exactly, each with its idempotency key as Nats-Msg-Id, and acknowledges them all", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const a = await admin(from, to);
    await a.publish(
      from,
      Array.from({ length: 10_000 }, (_, i) => body(i)),
    );
    const { summary, dead } = await runYaml(natsToNats({ name: "nats-10k", from, to, batch: 200 }));
    expect(summary.error).toBeUndefined();
    expect(dead).toEqual([]);
    expect(summary.counts.sent).toBe(10_000);
    expect(await a.outstanding(from, `${from}-reader`)).toBe(0);
    const out = await a.read(to);
    expect(out).toHaveLength(10_000);
    const byId = new Map(out.map((m) => [JSON.parse(m.body).id as number, m]));
    expect(byId.size).toBe(10_000);
    expect(byId.get(42)!.body).toBe('{"id":42,"region":"eu","amount":12345678901234567890.10,"note":"né 42"}');
    expect(byId.get(42)!.headers["X-Region"]).toBe("eu");
    expect(byId.get(42)!.headers["Idempotency-Key"]).toMatch(/^[0-9a-f]{32}$/);
    expect(byId.get(42)!.headers["Nats-Msg-Id"]).toBe(byId.get(42)!.headers["Idempotency-Key"]);
    expect(new Set(out.map((m) => m.headers["Idempotency-Key"])).size).toBe(10_000);
  }, 120_000);

  it("does not end a drain while the stream holds messages it had no room for, its output slower than idleAfter", async () => {
    const from = uniqueName("in");
    const a = await admin(from);
    await a.publish(
      from,
      Array.from({ length: SLOW_OUTPUT_MESSAGES }, (_, i) => body(i)),
    );
    await expectDrainOutlastsSlowOutput({
      name: "nats-slow-output",
      input: `  type: nats\n  url: ${BROKERS.nats.url}\n  stream: ${from}\n  consumer: ${from}-reader`,
      outstanding: () => a.outstanding(from, `${from}-reader`),
      cleanups,
    });
  }, 30_000);

  it("reconnects both sides after the connections are cut mid-stream, losing nothing", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const a = await admin(from, to);
    await a.publish(
      from,
      Array.from({ length: 3_000 }, (_, i) => body(i)),
    );
    await runThroughTwoCuts({
      port: BROKERS.nats.port,
      scheme: "nats://",
      yaml: (inUrl, outUrl) => natsToNats({ name: "nats-cut", from, to, inUrl, outUrl, batch: 50, ackWait: "4s" }),
      cleanups,
    });
    expect(await a.outstanding(from, `${from}-reader`)).toBe(0);
    const out = await a.read(to);
    // Re-published batches carry the same Nats-Msg-Id: the stream keeps one copy of each record.
    expect(new Set(out.map((m) => JSON.parse(m.body).id as number)).size).toBe(3_000);
    expect(out).toHaveLength(3_000);
  }, 120_000);

  it("dead-letters a message that keeps failing to the dead-letter file after the limit and terminates it; the rest are delivered", async () => {
    const from = uniqueName("in");
    const a = await admin(from);
    // Over the limit: the dead-letter file, and the message terminated (no more redelivery).
    await expectPoisonDeadLettered({
      name: "nats-poison",
      input: `  type: nats
  url: ${BROKERS.nats.url}
  stream: ${from}
  consumer: reader
  redeliveryLimit: 1`,
      publish: (bodies) => a.publish(from, bodies),
      outstanding: () => a.outstanding(from, "reader"),
      body,
      cleanups,
    });
  }, 60_000);
});
