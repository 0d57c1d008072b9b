/**
 * Broker inputs under `cannectors serve`, against the real brokers on 127.0.0.1 (RabbitMQ 5672,
 * NATS 4222, Redis 6379): delivery to a loopback sink, a cut connection in /readyz and back, a
 * SIGTERM that drains without loss. The scenario is in serve-support.ts.
 */
import { afterEach, describe } from "vitest";
import { BROKERS, brokerIt, uniqueName } from "../support/brokers.js";
import { amqpAdmin } from "./amqp-support.js";
import { natsAdmin } from "./nats-support.js";
import { redisAdmin } from "./redis-support.js";
import { serveThroughCut } from "./serve-support.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TOTAL = 2_000;
const bodies = Array.from({ length: TOTAL }, (_, id) => `{"id":${id}}`);

describe("broker inputs under serve", async () => {
  const amqpIt = await brokerIt("rabbitmq");
  const natsIt = await brokerIt("nats");
  const redisIt = await brokerIt("redis");

  amqpIt(
    "amqp: delivers, shows a cut in /readyz and recovers, drains on SIGTERM without loss",
    async () => {
      const queue = uniqueName("serve");
      const admin = await amqpAdmin();
      cleanups.push(async () => {
        await admin.remove(queue);
        await admin.close();
      });
      await admin.queue(queue);
      await admin.publish(queue, bodies);
      await serveThroughCut({
        port: BROKERS.rabbitmq.port,
        urlPrefix: "amqp://guest:guest@",
        total: TOTAL,
        input: (url) => `  type: amqp\n  url: ${url}\n  queue: ${queue}\n  prefetch: 100`,
        cleanups,
      });
    },
    120_000,
  );

  natsIt(
    "nats: delivers, shows a cut in /readyz and recovers, drains on SIGTERM without loss",
    async () => {
      const stream = uniqueName("serve");
      const admin = await natsAdmin();
      cleanups.push(() => admin.close());
      await admin.stream(stream);
      await admin.publish(stream, bodies);
      await serveThroughCut({
        port: BROKERS.nats.port,
        urlPrefix: "nats://",
        total: TOTAL,
        input: (url) =>
          `  type: nats\n  url: ${url}\n  stream: ${stream}\n  consumer: ${stream}-reader\n  prefetch: 100`,
        cleanups,
      });
    },
    120_000,
  );

  redisIt(
    "redis: delivers, shows a cut in /readyz and recovers, drains on SIGTERM without loss",
    async () => {
      const stream = uniqueName("serve");
      const admin = await redisAdmin();
      cleanups.push(() => admin.close());
      await admin.append(stream, bodies);
      await serveThroughCut({
        port: BROKERS.redis.port,
        urlPrefix: "redis://",
        total: TOTAL,
        input: (url) =>
          `  type: redis\n  url: ${url}\n  stream: ${stream}\n  group: relay\n  consumer: serve\n  prefetch: 100`,
        cleanups,
      });
    },
    120_000,
  );
});
