/** A dry run of mqtt → mqtt prints what would be published and acknowledges nothing; `--limit` acknowledges what it read. */
import { describe, expect } from "vitest";
import { brokerIt, uniqueName, cleanupsAfterEach } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { mqttAdmin, mqttToMqtt } from "./mqtt-support.js";
import { DRY_RUN_BODIES, DRY_RUN_PASSWORD, expectDryRunLines } from "./dry-run-support.js";

const it = await brokerIt("mosquitto");
const cleanups = cleanupsAfterEach();

async function session() {
  const [from, to, clientId] = [uniqueName("in"), uniqueName("out"), uniqueName("relay")];
  const admin = await mqttAdmin();
  cleanups.push(() => admin.close());
  await admin.session(clientId, from);
  const out = await admin.subscribe(`${to}/#`);
  return { from, to, clientId, admin, out, counts: admin.countsFile(clientId) };
}

describe("mqtt dry run", () => {
  it("prints one PUBLISH line per message with its topic, user properties and exact body; nothing published or acknowledged", async () => {
    const { from, to, clientId, admin, out, counts } = await session();
    await admin.publish(from, DRY_RUN_BODIES);
    const outUrl = `mqtt://user:${DRY_RUN_PASSWORD}@127.0.0.1:1883`;
    await expectDryRunLines(
      mqttToMqtt({ name: "mqtt-dry", clientId, from, to, counts, outUrl }),
      "PUBLISH",
      `mqtt://127.0.0.1:1883/${to}/eu`,
    );
    expect(out).toEqual([]);
    expect(await admin.outstanding(clientId)).toBe(2);
  }, 60_000);

  it("run --limit N acknowledges exactly the N messages it delivered; the rest stay for the next run", async () => {
    const { from, to, clientId, admin, out, counts } = await session();
    await admin.publish(
      from,
      Array.from({ length: 10 }, (_, id) => `{"id":${id},"region":"eu"}`),
    );
    const { summary } = await runYaml(mqttToMqtt({ name: "mqtt-limit", clientId, from, to, counts }), { limit: 4 });
    expect(summary.counts.sent).toBe(4);
    await expect.poll(() => out.map((m) => JSON.parse(m.body).id).sort()).toEqual([0, 1, 2, 3]);
    expect(await admin.outstanding(clientId)).toBe(6);
  }, 60_000);
});
