import type { Redis } from "ioredis";
import { brokerAddress } from "../../brokers/broker-address.js";
import type { Publisher } from "../../brokers/broker-output.js";
import type { OutgoingMessage } from "../../brokers/outgoing-message.js";
import { connectRedis } from "../../brokers/redis-connection.js";
import type { RedisOutput } from "./schema.js";

/** The entry field carrying the message key. */
export const REDIS_KEY_FIELD = "key";

/**
 * Appends a batch as one pipeline of XADDs: each reply is that entry's acknowledgement. An error
 * reply (a key of another type, say) is that record's dead letter; a lost connection fails the
 * batch, which is published again (Redis has no de-duplication: the idempotency key is a field,
 * for the consumer to drop a copy).
 */
export function redisPublisher(spec: RedisOutput, connectorName: string): Publisher {
  let opened: Promise<Redis> | undefined;
  return {
    address: brokerAddress(spec.url),
    async publish(messages) {
      // A first connection that failed (the server down at start) is forgotten, so the batch's
      // retry connects again instead of failing on the same rejected promise for the whole run.
      opened ??= connectRedis(spec.url, `cannectors ${connectorName}`).catch((error: unknown) => {
        opened = undefined;
        throw error;
      });
      const client = await opened;
      const pipeline = client.pipeline();
      for (const message of messages) pipeline.call("XADD", ...argumentsOf(spec, message));
      const replies = (await pipeline.exec()) ?? [];
      return messages.map((_, index) => {
        const error = replies[index]?.[0];
        return error ? `the stream refused the entry: ${error.message}` : undefined;
      });
    },
    reset() {},
    async close() {
      const current = opened;
      opened = undefined;
      if (current) await current.then((client) => client.quit()).catch(() => undefined);
    },
  };
}

function argumentsOf(spec: RedisOutput, message: OutgoingMessage): (string | Buffer)[] {
  const trim = spec.maxLen === undefined ? [] : ["MAXLEN", "~", String(spec.maxLen)];
  const fields: (string | Buffer)[] = [spec.field, message.body];
  for (const [name, value] of Object.entries(message.headers)) fields.push(name, value);
  if (message.key !== undefined) fields.push(REDIS_KEY_FIELD, message.key);
  return [message.destination, ...trim, "*", ...fields];
}
