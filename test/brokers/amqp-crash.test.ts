/**
 * A run SIGKILLed after the output acknowledged a record and before the broker message was
 * acknowledged (the `after-ack-before-commit` failpoint): the message is redelivered once and
 * published again with its first idempotency key. Runs the built CLI (`npm run build` first).
 */
import { describe, expect } from "vitest";
import { brokerIt, cleanupsAfterEach } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { CRASH_BODIES, runUntilKilled } from "./crash-support.js";
import { amqpRelayQueues, amqpToAmqp } from "./amqp-support.js";

const it = await brokerIt("rabbitmq");
const cleanups = cleanupsAfterEach();

describe("amqp input → amqp output, killed between the output's ack and the broker ack", () => {
  it("redelivers that message once, with the idempotency key it was first published with", async () => {
    const { admin, from, to, url } = await amqpRelayQueues(cleanups, CRASH_BODIES);
    const yaml = await runUntilKilled(amqpToAmqp({ name: "amqp-crash", from, to, inUrl: url, outUrl: url }));
    // The first record was published and confirmed; its source message is back in the queue.
    expect(await admin.depth(to)).toBe(1);
    const { summary } = await runYaml(yaml);
    expect(summary.status).toBe("succeeded");
    const out = (await admin.drain(to)).map((m) => ({
      id: JSON.parse(m.body).id as number,
      key: m.headers["Idempotency-Key"] as string,
    }));
    const first = out.filter((m) => m.id === 0);
    expect(first).toHaveLength(2);
    expect(first[1]!.key).toBe(first[0]!.key);
    expect(out.map((m) => m.id).sort()).toEqual([0, 0, 1, 2, 3, 4]);
    expect(await admin.depth(from)).toBe(0);
  }, 60_000);
});
