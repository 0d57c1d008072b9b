/** A dry run of nats → nats prints what would be published and acknowledges nothing; `--limit` acknowledges what it read. */
import { afterEach, describe, expect } from "vitest";
import { brokerIt, uniqueName } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { natsAdmin, natsToNats } from "./nats-support.js";

const it = await brokerIt("nats");
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function streams(from: string, to: string) {
  const admin = await natsAdmin();
  cleanups.push(() => admin.close());
  await admin.stream(from);
  await admin.stream(to);
  return admin;
}

describe("nats dry run", () => {
  it("prints one PUBLISH line per message with its subject, headers and exact body; nothing published or acknowledged", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const admin = await streams(from, to);
    await admin.publish(from, ['{"id":1,"region":"eu","n":1.5}', '{"id":2,"region":"us","n":12345678901234567890}']);
    const lines: string[] = [];
    const url = "nats://user:s3cret@127.0.0.1:4222";
    const yaml = natsToNats({ name: "nats-dry", from, to, outUrl: url });
    const { summary } = await runYaml(yaml, { dryRun: { write: (line) => lines.push(line) } });
    expect(summary.status).toBe("succeeded");
    // Ordered by record, not by text: the idempotency key comes before the body.
    lines.sort((x, y) => x.indexOf('"id":2') - y.indexOf('"id":2'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\{"method":"PUBLISH","url":"nats://127\\.0\\.0\\.1:4222/${to}","headers":\\{"Idempotency-Key":"[0-9a-f]{32}","X-Region":"eu"\\},"body":\\{"id":1,"region":"eu","n":1\\.5\\}\\}$`,
      ),
    );
    expect(lines[1]).toContain('"body":{"id":2,"region":"us","n":12345678901234567890}');
    expect(lines.join("")).not.toContain("s3cret");
    expect(await admin.read(to)).toEqual([]);
    expect(await admin.outstanding(from, `${from}-reader`)).toBe(2);
  }, 60_000);

  it("run --limit N acknowledges exactly the N messages it delivered; the rest stay for the next run", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const admin = await streams(from, to);
    await admin.publish(
      from,
      Array.from({ length: 10 }, (_, id) => `{"id":${id},"region":"eu"}`),
    );
    const { summary } = await runYaml(natsToNats({ name: "nats-limit", from, to }), { limit: 4 });
    expect(summary.counts.sent).toBe(4);
    expect((await admin.read(to)).map((m) => JSON.parse(m.body).id).sort()).toEqual([0, 1, 2, 3]);
    expect(await admin.outstanding(from, `${from}-reader`)).toBe(6);
  }, 60_000);
});
