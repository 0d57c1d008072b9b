/** A dry run of amqp → amqp prints what would be published, publishes nothing and acknowledges nothing. */
import { describe, expect } from "vitest";
import { brokerIt, cleanupsAfterEach } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { amqpRelayQueues, amqpToAmqp } from "./amqp-support.js";

const it = await brokerIt("rabbitmq");
const cleanups = cleanupsAfterEach();

describe("amqp dry run", () => {
  it("prints one PUBLISH line per message with its routing key, headers and exact body; the queues are untouched", async () => {
    const { admin, from, to, url } = await amqpRelayQueues(cleanups, [
      '{"id":1,"region":"eu","n":1.5}',
      '{"id":2,"region":"us","n":12345678901234567890}',
    ]);
    const lines: string[] = [];
    const { summary } = await runYaml(amqpToAmqp({ name: "amqp-dry", from, to, inUrl: url, outUrl: url }), {
      dryRun: { write: (line) => lines.push(line) },
    });
    expect(summary.status).toBe("succeeded");
    expect(lines.sort()).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\{"method":"PUBLISH","url":"amqp://127\\.0\\.0\\.1:5672/amq\\.default/${to}","headers":\\{"Idempotency-Key":"[0-9a-f]{32}","X-Region":"eu"\\},"body":\\{"id":1,"region":"eu","n":1\\.5\\}\\}$`,
      ),
    );
    expect(lines[1]).toContain('"body":{"id":2,"region":"us","n":12345678901234567890}');
    expect(lines.join("")).not.toContain("guest");
    // Nothing published, nothing acknowledged: both messages are back in the source queue.
    expect(await admin.depth(to)).toBe(0);
    expect(await admin.depth(from)).toBe(2);
  }, 60_000);

  it("run --limit N acknowledges exactly the N messages it delivered; the rest stay queued", async () => {
    const { admin, from, to, url } = await amqpRelayQueues(
      cleanups,
      Array.from({ length: 10 }, (_, id) => `{"id":${id},"region":"eu"}`),
    );
    const { summary } = await runYaml(amqpToAmqp({ name: "amqp-limit", from, to, inUrl: url, outUrl: url }), {
      limit: 4,
    });
    expect(summary.counts.sent).toBe(4);
    expect((await admin.drain(to)).map((m) => JSON.parse(m.body).id).sort()).toEqual([0, 1, 2, 3]);
    expect(await admin.depth(from)).toBe(6);
  }, 60_000);
});
