/** A dry run of mqtt → mqtt prints what would be published and acknowledges nothing; `--limit` acknowledges what it read. */
import { afterEach, describe, expect } from "vitest";
import { brokerIt, uniqueName } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { mqttAdmin, mqttToMqtt } from "./mqtt-support.js";

const it = await brokerIt("mosquitto");
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

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
    await admin.publish(from, ['{"id":1,"region":"eu","n":1.5}', '{"id":2,"region":"us","n":12345678901234567890}']);
    const lines: string[] = [];
    const outUrl = "mqtt://user:s3cret@127.0.0.1:1883";
    const yaml = mqttToMqtt({ name: "mqtt-dry", clientId, from, to, counts, outUrl });
    const { summary } = await runYaml(yaml, { dryRun: { write: (line) => lines.push(line) } });
    expect(summary.status).toBe("succeeded");
    lines.sort((x, y) => x.indexOf('"id":2') - y.indexOf('"id":2'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\{"method":"PUBLISH","url":"mqtt://127\\.0\\.0\\.1:1883/${to}/eu","headers":\\{"Idempotency-Key":"[0-9a-f]{32}","X-Region":"eu"\\},"body":\\{"id":1,"region":"eu","n":1\\.5\\}\\}$`,
      ),
    );
    expect(lines[1]).toContain('"body":{"id":2,"region":"us","n":12345678901234567890}');
    expect(lines.join("")).not.toContain("s3cret");
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
