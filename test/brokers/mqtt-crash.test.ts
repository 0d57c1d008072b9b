/**
 * A run SIGKILLed after the output acknowledged a record and before the MQTT message was
 * acknowledged (the `after-ack-before-commit` failpoint): the persistent session keeps the message,
 * the broker sends it again (DUP) to the next run, which publishes it again with its first
 * idempotency key (MQTT keeps both copies: the key lets a consumer drop one). Runs the built CLI.
 */
import { describe, expect } from "vitest";
import { brokerIt, uniqueName, cleanupsAfterEach } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { CRASH_BODIES, runUntilKilled } from "./crash-support.js";
import { mqttAdmin, mqttToMqtt } from "./mqtt-support.js";

const it = await brokerIt("mosquitto");
const cleanups = cleanupsAfterEach();

describe("mqtt input → mqtt output, killed between the output's ack and the broker ack", () => {
  it("redelivers that message once, with the idempotency key it was first published with", async () => {
    const [from, to, clientId] = [uniqueName("in"), uniqueName("out"), uniqueName("relay")];
    const admin = await mqttAdmin();
    cleanups.push(() => admin.close());
    await admin.session(clientId, from);
    const out = await admin.subscribe(`${to}/#`);
    await admin.publish(from, CRASH_BODIES);
    const counts = admin.countsFile(clientId);
    const yaml = await runUntilKilled(mqttToMqtt({ name: "mqtt-crash", clientId, from, to, counts }));
    // The first record was published and acknowledged by the broker; its source message was not.
    await expect.poll(() => out.map((m) => JSON.parse(m.body).id)).toEqual([0]);
    const { summary } = await runYaml(yaml);
    expect(summary.status).toBe("succeeded");
    await expect.poll(() => out.length).toBe(6);
    const sent = out.map((m) => ({ id: JSON.parse(m.body).id as number, key: m.properties["Idempotency-Key"] }));
    const first = sent.filter((m) => m.id === 0);
    expect(first).toHaveLength(2);
    expect(first[1]!.key).toBe(first[0]!.key);
    expect(sent.map((m) => m.id).sort()).toEqual([0, 0, 1, 2, 3, 4]);
    expect(await admin.outstanding(clientId)).toBe(0);
  }, 60_000);
});
