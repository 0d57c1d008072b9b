/**
 * A run SIGKILLed after the output acknowledged a record and before the JetStream message was
 * acknowledged (the `after-ack-before-commit` failpoint): the message is redelivered once (after the
 * consumer's ackWait) and published again with its first idempotency key, which the stream, by its
 * Nats-Msg-Id, keeps once. Runs the built CLI (`npm run build` first).
 */
import { describe, expect } from "vitest";
import { brokerIt, uniqueName, cleanupsAfterEach } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { CRASH_BODIES, runUntilKilled } from "./crash-support.js";
import { natsAdmin, natsToNats } from "./nats-support.js";

const it = await brokerIt("nats");
const cleanups = cleanupsAfterEach();

describe("nats input → nats output, killed between the output's ack and the broker ack", () => {
  it("redelivers that message once, with the idempotency key it was first published with", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const admin = await natsAdmin();
    cleanups.push(() => admin.close());
    await admin.stream(from);
    await admin.stream(to);
    await admin.publish(from, CRASH_BODIES);
    const yaml = await runUntilKilled(natsToNats({ name: "nats-crash", from, to, ackWait: "1s" }));
    // The first record was published and acknowledged by its stream; its source message was not.
    expect((await admin.read(to)).map((m) => JSON.parse(m.body).id)).toEqual([0]);
    const { summary } = await runYaml(yaml);
    expect(summary.status).toBe("succeeded");
    // Record 0 went out twice (sent counts it again), each time with the same key: the stream kept one.
    expect(summary.counts.sent).toBe(5);
    const out = (await admin.read(to)).map((m) => ({
      id: JSON.parse(m.body).id as number,
      key: m.headers["Idempotency-Key"]!,
      msgId: m.headers["Nats-Msg-Id"],
    }));
    expect(out.map((m) => m.id).sort()).toEqual([0, 1, 2, 3, 4]);
    for (const m of out) expect(m.msgId).toBe(m.key);
    expect(await admin.outstanding(from, `${from}-reader`)).toBe(0);
  }, 60_000);
});
