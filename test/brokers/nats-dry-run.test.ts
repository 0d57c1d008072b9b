/** A dry run of nats → nats prints what would be published and acknowledges nothing; `--limit` acknowledges what it read. */
import { describe, expect } from "vitest";
import { brokerIt, uniqueName, cleanupsAfterEach } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { natsAdmin, natsToNats } from "./nats-support.js";
import { DRY_RUN_BODIES, DRY_RUN_PASSWORD, expectDryRunLines } from "./dry-run-support.js";

const it = await brokerIt("nats");
const cleanups = cleanupsAfterEach();

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
    await admin.publish(from, DRY_RUN_BODIES);
    const url = `nats://user:${DRY_RUN_PASSWORD}@127.0.0.1:4222`;
    await expectDryRunLines(
      natsToNats({ name: "nats-dry", from, to, outUrl: url }),
      "PUBLISH",
      `nats://127.0.0.1:4222/${to}`,
    );
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
