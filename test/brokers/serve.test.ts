/**
 * Broker inputs under `cannectors serve`, against the real brokers on 127.0.0.1 (RabbitMQ 5672,
 * NATS 4222, Redis 6379, Mosquitto 1883): delivery to a loopback sink, a cut connection in /readyz
 * and back, a SIGTERM that drains without loss. The scenario is in serve-support.ts; each broker
 * gives how its messages are published and its connector's input section.
 */
import { describe } from "vitest";
import { BROKERS, type BrokerName, brokerIt, uniqueName, cleanupsAfterEach } from "../support/brokers.js";
import { amqpAdminRemoving } from "./amqp-support.js";
import { mqttAdmin } from "./mqtt-support.js";
import { natsAdmin } from "./nats-support.js";
import { redisAdmin } from "./redis-support.js";
import { serveThroughCut } from "./serve-support.js";

const cleanups = cleanupsAfterEach();

const bodies = (total: number) => Array.from({ length: total }, (_, id) => `{"id":${id}}`);

interface BrokerCase {
  title: string;
  broker: BrokerName;
  urlPrefix: string;
  total: number;
  /** Publishes the bodies; returns the input section given the URL serve is to use. */
  publish: (bodies: string[]) => Promise<(url: string) => string>;
}

const CASES: BrokerCase[] = [
  {
    title: "amqp",
    broker: "rabbitmq",
    urlPrefix: "amqp://guest:guest@",
    total: 2_000,
    async publish(bodies) {
      const queue = uniqueName("serve");
      const admin = await amqpAdminRemoving(cleanups, queue);
      await admin.queue(queue);
      await admin.publish(queue, bodies);
      return (url) => `  type: amqp\n  url: ${url}\n  queue: ${queue}\n  prefetch: 100`;
    },
  },
  {
    title: "nats",
    broker: "nats",
    urlPrefix: "nats://",
    total: 2_000,
    async publish(bodies) {
      const stream = uniqueName("serve");
      const admin = await natsAdmin();
      cleanups.push(() => admin.close());
      await admin.stream(stream);
      await admin.publish(stream, bodies);
      return (url) => `  type: nats\n  url: ${url}\n  stream: ${stream}\n  consumer: ${stream}-reader\n  prefetch: 100`;
    },
  },
  {
    title: "redis",
    broker: "redis",
    urlPrefix: "redis://",
    total: 2_000,
    async publish(bodies) {
      const stream = uniqueName("serve");
      const admin = await redisAdmin();
      cleanups.push(() => admin.close());
      await admin.append(stream, bodies);
      return (url) =>
        `  type: redis\n  url: ${url}\n  stream: ${stream}\n  group: relay\n  consumer: serve\n  prefetch: 100`;
    },
  },
  {
    title: "mqtt",
    broker: "mosquitto",
    urlPrefix: "mqtt://",
    // Published before serve runs, into the session's queue: Mosquitto keeps 1,000 per session by default.
    total: 900,
    async publish(bodies) {
      const [topic, clientId] = [uniqueName("serve"), uniqueName("serve")];
      const admin = await mqttAdmin();
      cleanups.push(() => admin.close());
      await admin.session(clientId, topic);
      await admin.publish(topic, bodies);
      const counts = admin.countsFile(clientId);
      return (url) =>
        `  type: mqtt\n  url: ${url}\n  clientId: ${clientId}\n  topics: [${topic}]\n  deliveryCounts: ${counts}\n  prefetch: 100`;
    },
  },
];

describe("broker inputs under serve", async () => {
  for (const broker of CASES) {
    const it = await brokerIt(broker.broker);
    it(`${broker.title}: delivers, shows a cut in /readyz and recovers, drains on SIGTERM without loss`, async () => {
      const input = await broker.publish(bodies(broker.total));
      await serveThroughCut({
        port: BROKERS[broker.broker].port,
        urlPrefix: broker.urlPrefix,
        total: broker.total,
        input,
        cleanups,
      });
    }, 120_000);
  }
});
