/**
 * MQTT input and output against Mosquitto on 127.0.0.1:1883: delivery of 10,000 messages, exact
 * bodies, the idempotency key as a user property, the dead letter after the redelivery limit, a
 * connection cut mid-stream, one topic level per record value.
 */
import { execFileSync } from "node:child_process";
import { describe, expect } from "vitest";
import { BROKERS, brokerIt, cleanupsAfterEach, uniqueName } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { runThroughTwoCuts } from "./cut-support.js";
import { mqttAdmin, mqttToMqtt } from "./mqtt-support.js";
import { expectPoisonDeadLettered } from "./poison-support.js";

const it = await brokerIt("mosquitto");
const cleanups = cleanupsAfterEach();

async function admin() {
  const a = await mqttAdmin();
  cleanups.push(() => a.close());
  return a;
}

const body = (id: number) => `{"id":${id},"region":"eu","amount":12345678901234567890.10,"note":"n\\u00e9 ${id}"}`;
const bodies = (n: number) => Array.from({ length: n }, (_, i) => body(i));

/** Another process publishing `COUNT` messages to `TOPIC` at QoS 1, each acknowledged by the broker. */
const PUBLISHER = `import mqtt from "mqtt";
const c = await mqtt.connectAsync(process.env.URL, { protocolVersion: 5 });
const all = Array.from({ length: Number(process.env.COUNT) }, (_, i) => c.publishAsync(process.env.TOPIC, String(i), { qos: 1 }));
await Promise.all(all);
await c.endAsync();`;

describe("mqtt input → mqtt output", () => {
  it("delivers 10,000 messages exactly, each with its idempotency key as a user property, and acknowledges them all", async () => {
    const [from, to, clientId] = [uniqueName("in"), uniqueName("out"), uniqueName("relay")];
    const a = await admin();
    await a.session(clientId, from);
    const out = await a.subscribe(`${to}/#`);
    const yaml = mqttToMqtt({ name: "mqtt-10k", clientId, from, to, counts: a.countsFile(clientId), batch: 200 });
    const [{ summary, dead }] = await Promise.all([runYaml(yaml), a.feed(from, bodies(10_000), () => out.length)]);
    expect(summary.error).toBeUndefined();
    expect(dead).toEqual([]);
    expect(summary.counts.sent).toBe(10_000);
    expect(await a.outstanding(clientId)).toBe(0);
    await expect.poll(() => out.length, { timeout: 15_000 }).toBe(10_000);
    const byId = new Map(out.map((m) => [JSON.parse(m.body).id as number, m]));
    expect(byId.size).toBe(10_000);
    expect(byId.get(42)!.body).toBe('{"id":42,"region":"eu","amount":12345678901234567890.10,"note":"né 42"}');
    expect(byId.get(42)!.topic).toBe(`${to}/eu`);
    expect(byId.get(42)!.properties["X-Region"]).toBe("eu");
    expect(byId.get(42)!.properties["Idempotency-Key"]).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(out.map((m) => m.properties["Idempotency-Key"])).size).toBe(10_000);
  }, 120_000);

  it("the tests' reader loses nothing while its process is too busy to read: the broker queues nothing for it", async () => {
    const topic = uniqueName("busy");
    const a = await admin();
    const out = await a.subscribe(topic);
    // This process blocked (its reader sends no PUBACK) while another publishes past Mosquitto's 1,000 queued.
    execFileSync(process.execPath, ["--input-type=module", "-e", PUBLISHER], {
      env: { ...process.env, URL: BROKERS.mosquitto.url, TOPIC: topic, COUNT: "1500" },
      stdio: "ignore",
    });
    await expect.poll(() => out.length, { timeout: 10_000 }).toBe(1_500);
  }, 30_000);

  it("reconnects both sides after the connections are cut mid-stream, losing nothing", async () => {
    const [from, to, clientId] = [uniqueName("in"), uniqueName("out"), uniqueName("relay")];
    const a = await admin();
    await a.session(clientId, from);
    const out = await a.subscribe(`${to}/#`);
    const counts = a.countsFile(clientId);
    await Promise.all([
      runThroughTwoCuts({
        port: BROKERS.mosquitto.port,
        scheme: "mqtt://",
        // Prefetch 200: what the relay's session holds while cut off stays far below Mosquitto's 1,000 (see feed).
        yaml: (inUrl, outUrl) =>
          mqttToMqtt({ name: "mqtt-cut", clientId, from, to, counts, inUrl, outUrl, batch: 50, prefetch: 200 }),
        cleanups,
      }),
      a.feed(from, bodies(3_000), () => new Set(out.map((m) => m.body)).size),
    ]);
    expect(await a.outstanding(clientId)).toBe(0);
    // MQTT has no de-duplication: what was in flight at a cut may go out twice, with the same idempotency key.
    // Everything was acknowledged to the relay; a loaded reader may still be reading it.
    await expect
      .poll(() => new Set(out.map((m) => JSON.parse(m.body).id as number)).size, { timeout: 15_000 })
      .toBe(3_000);
    const keys = new Map<number, string>();
    for (const m of out) {
      const id = JSON.parse(m.body).id as number;
      expect(keys.get(id) ?? m.properties["Idempotency-Key"]).toBe(m.properties["Idempotency-Key"]);
      keys.set(id, m.properties["Idempotency-Key"]!);
    }
  }, 120_000);

  it("dead-letters a message that keeps failing to the dead-letter file after the limit and acknowledges it; the rest are delivered", async () => {
    const [from, clientId] = [uniqueName("in"), uniqueName("relay")];
    const a = await admin();
    await a.session(clientId, from);
    // Over the limit (redeliveries counted in the deliveryCounts file): the dead-letter file, and a PUBACK.
    await expectPoisonDeadLettered({
      name: "mqtt-poison",
      input: `  type: mqtt
  url: ${BROKERS.mosquitto.url}
  clientId: ${clientId}
  topics: [${from}]
  deliveryCounts: ${a.countsFile(clientId)}
  redeliveryLimit: 1`,
      publish: (messages) => a.publish(from, messages),
      outstanding: () => a.outstanding(clientId),
      body,
      cleanups,
    });
  }, 60_000);

  it("fills one topic level per record value: a value with `/`, `+` or `#` is that record's dead letter; retain is kept", async () => {
    const [from, to, clientId] = [uniqueName("in"), uniqueName("out"), uniqueName("relay")];
    const a = await admin();
    await a.session(clientId, from);
    const out = await a.subscribe(`${to}/#`);
    await a.publish(from, [
      '{"id":1,"region":"eu"}',
      '{"id":2,"region":"eu/admin"}',
      '{"id":3,"region":"#"}',
      '{"id":4,"region":"+"}',
      '{"id":5,"region":""}',
      '{"id":6,"region":"us"}',
    ]);
    const yaml = mqttToMqtt({ name: "mqtt-levels", clientId, from, to, counts: a.countsFile(clientId) }).replace(
      "  headers:",
      "  retain: true\n  headers:",
    );
    const { summary, dead } = await runYaml(yaml);
    expect(summary.counts.sent).toBe(2);
    expect(dead).toHaveLength(4);
    expect(dead.join("\n")).toContain("a record value fills exactly one topic level");
    await expect.poll(() => out.map((m) => m.topic).sort()).toEqual([`${to}/eu`, `${to}/us`]);
    // Retained: a subscriber arriving later still gets the last message of each topic.
    const late = await a.subscribe(`${to}/#`);
    await expect.poll(() => late.map((m) => [m.topic, m.retain])).toContainEqual([`${to}/eu`, true]);
    await a.publisherClear([`${to}/eu`, `${to}/us`]);
    expect(await a.outstanding(clientId)).toBe(0);
  }, 60_000);
});
