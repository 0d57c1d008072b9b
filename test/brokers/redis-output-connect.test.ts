/**
 * The Redis output's first connection, against the server on 127.0.0.1:6379 behind a loopback
 * proxy the test controls: a server unreachable at the first publish must not fail every later one.
 */
import { describe, expect } from "vitest";
import { redisPublisher } from "../../runtime/modules/output-redis/redis-output.js";
import type { RedisOutput } from "../../runtime/modules/output-redis/schema.js";
import { brokerIt, cleanupsAfterEach, uniqueName } from "../support/brokers.js";
import { startTcpProxy } from "../support/tcp-proxy.js";
import { redisAdmin } from "./redis-support.js";

const it = await brokerIt("redis");
const cleanups = cleanupsAfterEach();

describe("redis output: the first connection", () => {
  it("connects again on the next publish when the server was unreachable at the first one", async () => {
    const admin = await redisAdmin();
    cleanups.push(() => admin.close());
    const stream = uniqueName("late");
    const proxy = await startTcpProxy(6379);
    cleanups.push(() => proxy.close());
    proxy.refuse(true);
    const spec = { type: "redis", url: `redis://127.0.0.1:${proxy.port}`, stream, field: "body" } as RedisOutput;
    const publisher = redisPublisher(spec, "late");
    cleanups.push(() => publisher.close());
    const outgoing = (id: number) => ({
      body: Buffer.from(`{"id":${id}}`),
      destination: stream,
      headers: {},
      key: undefined,
      idempotencyKey: undefined,
    });
    await expect(publisher.publish([outgoing(1)])).rejects.toThrow();
    proxy.refuse(false);
    publisher.reset();
    expect(await publisher.publish([outgoing(1), outgoing(2)])).toEqual([undefined, undefined]);
    expect((await admin.read(stream)).map((entry) => JSON.parse(entry.fields.body!).id)).toEqual([1, 2]);
  }, 30_000);
});
