/** A dry run of redis → redis prints what would be appended and acknowledges nothing; `--limit` acknowledges what it read. */
import { describe, expect } from "vitest";
import { brokerIt, uniqueName, cleanupsAfterEach } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { redisAdmin, redisToRedis } from "./redis-support.js";
import { DRY_RUN_BODIES, DRY_RUN_PASSWORD, expectDryRunLines } from "./dry-run-support.js";

const it = await brokerIt("redis");
const cleanups = cleanupsAfterEach();

async function admin() {
  const a = await redisAdmin();
  cleanups.push(() => a.close());
  return a;
}

describe("redis dry run", () => {
  it("prints one XADD line per entry with its stream, fields and exact body; nothing appended or acknowledged", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const a = await admin();
    await a.append(from, DRY_RUN_BODIES);
    await expectDryRunLines(
      redisToRedis({ name: "redis-dry", from, to, outUrl: `redis://user:${DRY_RUN_PASSWORD}@127.0.0.1:6379` }),
      "XADD",
      `redis://127.0.0.1:6379/${to}`,
    );
    expect(await a.read(to)).toEqual([]);
    expect(await a.outstanding(from, "relay")).toBe(2);
  }, 60_000);

  it("run --limit N acknowledges exactly the N entries it delivered; the rest stay for the next run", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const a = await admin();
    await a.append(
      from,
      Array.from({ length: 10 }, (_, id) => `{"id":${id},"region":"eu"}`),
    );
    const { summary } = await runYaml(redisToRedis({ name: "redis-limit", from, to }), { limit: 4 });
    expect(summary.counts.sent).toBe(4);
    expect((await a.read(to)).map((m) => JSON.parse(m.fields.body!).id).sort()).toEqual([0, 1, 2, 3]);
    expect(await a.outstanding(from, "relay")).toBe(6);
  }, 60_000);
});
