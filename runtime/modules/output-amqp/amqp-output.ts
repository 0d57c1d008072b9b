import type { ChannelModel, ConfirmChannel } from "amqplib";

/** amqplib loads on the first connection only: a connector without a broker never pays its start-up. */
const connectAmqp = async (url: string) => (await import("amqplib")).default.connect(url);
import { brokerAddress } from "../../brokers/broker-address.js";
import type { Publisher } from "../../brokers/broker-output.js";
import type { OutgoingMessage } from "../../brokers/outgoing-message.js";
import type { AmqpOutput } from "./schema.js";

/** amqplib's error for a message the broker nacked (any other error means the channel was lost). */
const NACKED = "message nacked";

/** Publishes on a confirm channel; each message resolves with the broker's ack (taken) or nack (refused). */
export function amqpPublisher(spec: AmqpOutput): Publisher {
  let opened: Promise<{ model: ChannelModel; channel: ConfirmChannel }> | undefined;
  const connect = async () => {
    const model = await connectAmqp(spec.url);
    model.on("error", () => undefined);
    const channel = await model.createConfirmChannel();
    channel.on("error", () => undefined);
    return { model, channel };
  };
  /** One close listener per batch: a channel lost before every confirm fails the batch (it is published again). */
  const publishAll = (channel: ConfirmChannel, messages: OutgoingMessage[]) =>
    new Promise<(string | undefined)[]>((resolve, reject) => {
      const results: (string | undefined)[] = new Array(messages.length);
      let left = messages.length;
      const closed = () => reject(new Error("the channel closed before the broker confirmed every message"));
      channel.once("close", closed);
      messages.forEach((message, index) => {
        channel.publish(spec.exchange, message.destination, message.body, optionsOf(message), (error: unknown) => {
          // amqplib fails unconfirmed messages with "channel closed" when the connection drops: not a refusal.
          if (error instanceof Error && error.message !== NACKED) return closed();
          results[index] = error ? "the broker refused the message (nack)" : undefined;
          if (--left > 0) return;
          channel.off("close", closed);
          resolve(results);
        });
      });
    });
  const optionsOf = (message: OutgoingMessage) => ({
    persistent: spec.persistent,
    contentType: "application/json",
    headers: message.headers,
    ...(message.idempotencyKey ? { messageId: message.idempotencyKey } : {}),
    ...(message.key ? { correlationId: message.key } : {}),
  });
  return {
    // RabbitMQ shows the default exchange ("") as amq.default.
    address: `${brokerAddress(spec.url)}/${spec.exchange === "" ? "amq.default" : spec.exchange}`,
    async publish(messages) {
      opened ??= connect();
      const { channel } = await opened;
      return publishAll(channel, messages);
    },
    reset() {
      const previous = opened;
      opened = undefined;
      void previous?.then(({ model }) => model.close()).catch(() => undefined);
    },
    async close() {
      const current = opened;
      opened = undefined;
      if (current) await current.then(({ model }) => model.close()).catch(() => undefined);
    },
  };
}
