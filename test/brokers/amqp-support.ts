/** Test support for the AMQP tests: queues of their own, publishing and reading them back with amqplib. */
import amqp, { type ChannelModel } from "amqplib";
import { BROKERS, uniqueName } from "../support/brokers.js";
import { relayYaml } from "./relay-yaml.js";

export interface QueueMessage {
  body: string;
  headers: Record<string, unknown>;
}

export async function amqpAdmin(): Promise<{
  model: ChannelModel;
  /** A quorum queue (it counts redeliveries in x-delivery-count), optionally dead-lettering to `dlq`. */
  queue(name: string, dlq?: string): Promise<void>;
  publish(queue: string, bodies: string[]): Promise<void>;
  /** Every message now in the queue, acknowledged (the queue is emptied). */
  drain(queue: string): Promise<QueueMessage[]>;
  depth(queue: string): Promise<number>;
  remove(...queues: string[]): Promise<void>;
  close(): Promise<void>;
}> {
  const model = await amqp.connect(BROKERS.rabbitmq.url);
  const channel = await model.createConfirmChannel();
  return {
    model,
    async queue(name, dlq) {
      if (dlq) await channel.assertQueue(dlq, { durable: true, arguments: { "x-queue-type": "quorum" } });
      const deadLettering = dlq ? { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": dlq } : {};
      await channel.assertQueue(name, { durable: true, arguments: { "x-queue-type": "quorum", ...deadLettering } });
    },
    async publish(queue, bodies) {
      for (const body of bodies) channel.sendToQueue(queue, Buffer.from(body), { persistent: true });
      await channel.waitForConfirms();
    },
    async drain(queue) {
      // A consumer, not basic.get: one round trip per message made a 10,000-message check take minutes.
      const expected = (await channel.checkQueue(queue)).messageCount;
      const out: QueueMessage[] = [];
      if (expected === 0) return out;
      let tag = "";
      await new Promise<void>((resolve) => {
        void channel
          .consume(
            queue,
            (message) => {
              if (!message) return;
              out.push({ body: message.content.toString("utf8"), headers: message.properties.headers ?? {} });
              if (out.length === expected) resolve();
            },
            { noAck: true },
          )
          .then((ok) => {
            tag = ok.consumerTag;
          });
      });
      await channel.cancel(tag);
      return out;
    },
    async depth(queue) {
      return (await channel.checkQueue(queue)).messageCount;
    },
    async remove(...queues) {
      for (const queue of queues) await channel.deleteQueue(queue).catch(() => undefined);
    },
    close: () => model.close(),
  };
}

/** An admin that deletes `queues` and closes after the test (through `cleanups`). */
export async function amqpAdminRemoving(cleanups: (() => Promise<unknown>)[], ...queues: string[]) {
  const admin = await amqpAdmin();
  cleanups.push(async () => {
    await admin.remove(...queues);
    await admin.close();
  });
  return admin;
}

/** Queues of the test's own, `from` holding `bodies` and `to` empty, deleted after the test. */
export async function amqpRelayQueues(cleanups: (() => Promise<unknown>)[], bodies: string[]) {
  const [from, to] = [uniqueName("in"), uniqueName("out")];
  const admin = await amqpAdminRemoving(cleanups, from, to);
  await admin.queue(from);
  await admin.queue(to);
  await admin.publish(from, bodies);
  return { admin, from, to, url: BROKERS.rabbitmq.url };
}

/** A connector from queue `from` to queue `to` through the default exchange, with an idempotency key. */
export function amqpToAmqp(options: {
  name: string;
  from: string;
  prefetch?: number;
  to: string;
  inUrl: string;
  outUrl: string;
  batch?: number;
}) {
  return relayYaml({
    name: options.name,
    input: `  type: amqp\n  url: ${options.inUrl}\n  queue: ${options.from}`,
    output: `  type: amqp\n  url: ${options.outUrl}\n  routingKey: ${options.to}`,
    prefetch: options.prefetch,
    batch: options.batch,
  });
}
