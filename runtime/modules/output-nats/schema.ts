import * as z from "zod";
import { SecretString } from "../../artifact/common.js";
import { brokerOutputFields, RecordTemplate } from "../../brokers/message-schema.js";

export const NatsOutput = z
  .strictObject({
    type: z.literal("nats"),
    url: SecretString.describe("nats://user:password@host:4222 (or nats://token@host), usually `${secret:NATS_URL}`."),
    subject: RecordTemplate.describe("The subject published to, e.g. `orders.{region}`; a stream must capture it."),
    ...brokerOutputFields,
  })
  .describe(
    "Publishes each record as one JSON message to NATS JetStream and waits for the stream's publish acknowledgement. The idempotency key is also the message id (Nats-Msg-Id): the stream drops a re-published duplicate within its duplicate window.",
  );
export type NatsOutput = z.infer<typeof NatsOutput>;
