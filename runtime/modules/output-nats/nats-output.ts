import type { NatsConnection } from "@nats-io/nats-core";
import { brokerAddress } from "../../brokers/broker-address.js";
import type { Publisher } from "../../brokers/broker-output.js";
import { connectNats } from "../../brokers/nats-connection.js";
import type { OutgoingMessage } from "../../brokers/outgoing-message.js";
import { JetStreamAcks } from "./jetstream-acks.js";
import type { NatsOutput } from "./schema.js";

/** The header carrying the message key: NATS has none of its own (its ordering is per subject). */
export const NATS_KEY_HEADER = "Message-Key";
/** JetStream's de-duplication header: the idempotency key. */
export const NATS_MSG_ID_HEADER = "Nats-Msg-Id";

type Headers = typeof import("@nats-io/nats-core").headers;

/**
 * Publishes a batch at once and waits for every publish acknowledgement (JetStreamAcks). The
 * stream's refusal of a message (a JetStream API error) is that record's dead letter; anything else
 * (a timeout, a lost connection) fails the batch, which is published again with the same message
 * ids, so the stream drops the copies it already has.
 */
export function natsPublisher(spec: NatsOutput, connectorName: string): Publisher {
  let opened: Promise<{ connection: NatsConnection; acks: JetStreamAcks; headers: Headers }> | undefined;
  const connect = async () => {
    const connection = await connectNats(spec.url, `cannectors ${connectorName}`);
    const { createInbox, headers } = await import("@nats-io/nats-core");
    return { connection, acks: new JetStreamAcks(connection, createInbox()), headers };
  };
  return {
    address: brokerAddress(spec.url),
    async publish(messages) {
      // A first connection that failed (the server down at start) is forgotten, so the batch's
      // retry connects again instead of failing on the same rejected promise for the whole run.
      opened ??= connect().catch((error: unknown) => {
        opened = undefined;
        throw error;
      });
      const { acks, headers } = await opened;
      return acks.publish(
        messages.map((message) => ({
          subject: message.destination,
          body: message.body,
          headers: headersOf(message, headers),
        })),
      );
    },
    // The client reconnects by itself: a failed batch is simply published again on the same connection.
    reset() {},
    async close() {
      const current = opened;
      opened = undefined;
      if (current)
        await current
          .then(({ connection, acks }) => {
            acks.close();
            return connection.close();
          })
          .catch(() => undefined);
    },
  };
}

function headersOf(message: OutgoingMessage, headers: Headers) {
  const carried = headers();
  carried.set("Content-Type", "application/json");
  for (const name in message.headers) carried.set(name, message.headers[name]!);
  if (message.key !== undefined) carried.set(NATS_KEY_HEADER, message.key);
  if (message.idempotencyKey) carried.set(NATS_MSG_ID_HEADER, message.idempotencyKey);
  return carried;
}
