import * as z from "zod";
import { Duration, SecretString } from "../../artifact/common.js";
import { brokerInputFields } from "../../brokers/message-schema.js";

export const NatsInput = z
  .strictObject({
    type: z.literal("nats"),
    url: SecretString.describe("nats://user:password@host:4222 (or nats://token@host), usually `${secret:NATS_URL}`."),
    stream: z.string().min(1).describe("The JetStream stream (created by its owner, not by the connector)."),
    consumer: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .describe("The durable pull consumer's name; created on first use when the stream has none by that name."),
    subject: z.string().min(1).optional().describe("Filter subject of a consumer created here, e.g. `orders.>`."),
    ackWait: Duration.default("30s").describe(
      "How long the broker waits for an acknowledgement before redelivering (a consumer created here).",
    ),
    ...brokerInputFields,
  })
  .describe(
    "Consumes a NATS JetStream durable pull consumer; each message body is one JSON record, acknowledged once every output acknowledged it. Over the redelivery limit (the message's delivery count), a message is written to the dead-letter file and terminated.",
  );
export type NatsInput = z.infer<typeof NatsInput>;
