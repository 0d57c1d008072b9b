/** A dry run of redis → redis prints what would be appended and acknowledges nothing; `--limit` acknowledges what it read. */
import { afterEach, describe, expect } from "vitest";
import { brokerIt, uniqueName } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { redisAdmin, redisToRedis } from "./redis-support.js";

const it = await brokerIt("redis");
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function admin() {
  const a = await redisAdmin();
  cleanups.push(() => a.close());
  return a;
}

describe("redis dry run", () => {
  it("prints one XADD line per entry with its stream, fields and exact body; nothing appended or acknowledged", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const a = await admin();
    await a.append(from, ['{"id":1,"region":"eu","n":1.5}', '{"id":2,"region":"us","n":12345678901234567890}']);
    const lines: string[] = [];
    const yaml = redisToRedis({ name: "redis-dry", from, to, outUrl: "redis://user:s3cret@127.0.0.1:6379" });
    const { summary } = await runYaml(yaml, { dryRun: { write: (line) => lines.push(line) } });
    expect(summary.status).toBe("succeeded");
    // Ordered by record, not by text: the idempotency key comes before the body.
    lines.sort((x, y) => x.indexOf('"id":2') - y.indexOf('"id":2'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\{"method":"XADD","url":"redis://127\\.0\\.0\\.1:6379/${to}","headers":\\{"Idempotency-Key":"[0-9a-f]{32}","X-Region":"eu"\\},"body":\\{"id":1,"region":"eu","n":1\\.5\\}\\}$`,
      ),
    );
    expect(lines[1]).toContain('"body":{"id":2,"region":"us","n":12345678901234567890}');
    expect(lines.join("")).not.toContain("s3cret");
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
