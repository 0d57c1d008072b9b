/**
 * A run SIGKILLed after the output acknowledged a record and before the stream entry was
 * acknowledged (the `after-ack-before-commit` failpoint): the entry, pending for this consumer, is read
 * again by the next run and appended again with its first idempotency key (Redis keeps both copies:
 * the key is what lets a consumer drop one). Runs the built CLI (`npm run build` first).
 */
import { describe, expect } from "vitest";
import { brokerIt, uniqueName, cleanupsAfterEach } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { CRASH_BODIES, runUntilKilled } from "./crash-support.js";
import { redisAdmin, redisToRedis } from "./redis-support.js";

const it = await brokerIt("redis");
const cleanups = cleanupsAfterEach();

describe("redis input → redis output, killed between the output's ack and the broker ack", () => {
  it("redelivers that message once, with the idempotency key it was first published with", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const admin = await redisAdmin();
    cleanups.push(() => admin.close());
    await admin.append(from, CRASH_BODIES);
    const yaml = await runUntilKilled(redisToRedis({ name: "redis-crash", from, to }));
    // The first record was appended; its source entry was not acknowledged.
    expect((await admin.read(to)).map((m) => JSON.parse(m.fields.body!).id)).toEqual([0]);
    const { summary } = await runYaml(yaml);
    expect(summary.status).toBe("succeeded");
    const out = (await admin.read(to)).map((m) => ({
      id: JSON.parse(m.fields.body!).id as number,
      key: m.fields["Idempotency-Key"]!,
    }));
    const first = out.filter((m) => m.id === 0);
    expect(first).toHaveLength(2);
    expect(first[1]!.key).toBe(first[0]!.key);
    expect(out.map((m) => m.id).sort()).toEqual([0, 0, 1, 2, 3, 4]);
    expect(await admin.outstanding(from, "relay")).toBe(0);
  }, 60_000);
});
