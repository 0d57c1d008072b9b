import type { JetStreamClient } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { brokerAddress } from "../../brokers/broker-address.js";
import type { Publisher } from "../../brokers/broker-output.js";
import { connectNats } from "../../brokers/nats-connection.js";
import type { OutgoingMessage } from "../../brokers/outgoing-message.js";
import { describeError } from "../../errors/index.js";
import type { NatsOutput } from "./schema.js";

/** The header carrying the message key: NATS has none of its own (its ordering is per subject). */
export const NATS_KEY_HEADER = "Message-Key";

/**
 * Publishes a batch at once and waits for every publish acknowledgement. The stream's refusal of a
 * message (a JetStream API error) is that record's dead letter; anything else (a timeout, a lost
 * connection) fails the batch, which is published again with the same message ids, so the stream
 * drops the copies it already has.
 */
export function natsPublisher(spec: NatsOutput, connectorName: string): Publisher {
  let opened: Promise<{ connection: NatsConnection; client: JetStreamClient }> | undefined;
  const connect = async () => {
    const connection = await connectNats(spec.url, `cannectors ${connectorName}`);
    const { jetstream } = await import("@nats-io/jetstream");
    return { connection, client: jetstream(connection) };
  };
  return {
    address: brokerAddress(spec.url),
    async publish(messages) {
      opened ??= connect();
      const { client } = await opened;
      const { JetStreamApiError } = await import("@nats-io/jetstream");
      const { headers } = await import("@nats-io/nats-core");
      const outcomes = await Promise.allSettled(
        messages.map((message) => client.publish(message.destination, message.body, optionsOf(message, headers))),
      );
      const failed = outcomes.find((o) => o.status === "rejected" && !(o.reason instanceof JetStreamApiError));
      if (failed) throw (failed as PromiseRejectedResult).reason;
      return outcomes.map((o) =>
        o.status === "fulfilled" ? undefined : `the stream refused the message: ${describeError(o.reason)}`,
      );
    },
    // The client reconnects by itself: a failed batch is simply published again on the same connection.
    reset() {},
    async close() {
      const current = opened;
      opened = undefined;
      if (current) await current.then(({ connection }) => connection.close()).catch(() => undefined);
    },
  };
}

type Headers = typeof import("@nats-io/nats-core").headers;

function optionsOf(message: OutgoingMessage, headers: Headers) {
  const carried = headers();
  carried.set("Content-Type", "application/json");
  for (const [name, value] of Object.entries(message.headers)) carried.set(name, value);
  if (message.key !== undefined) carried.set(NATS_KEY_HEADER, message.key);
  return { headers: carried, ...(message.idempotencyKey ? { msgID: message.idempotencyKey } : {}) };
}
