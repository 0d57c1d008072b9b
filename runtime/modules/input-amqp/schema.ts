import * as z from "zod";
import { SecretString } from "../../artifact/common.js";
import { brokerInputFields } from "../../brokers/message-schema.js";

export const AmqpInput = z
  .strictObject({
    type: z.literal("amqp"),
    url: SecretString.describe("amqp://user:password@host:5672/vhost, usually `${secret:AMQP_URL}`."),
    queue: z.string().min(1).describe("The queue consumed (declared by its owner, not by the connector)."),
    ...brokerInputFields,
    deadLetter: z
      .enum(["broker", "file"])
      .default("broker")
      .describe(
        "Where a message over its redelivery limit goes: `broker` rejects it to the queue's dead-letter exchange, `file` writes it to the dead-letter file.",
      ),
  })
  .describe(
    "Consumes a RabbitMQ (AMQP 0-9-1) queue; each message body is one JSON record, acknowledged once every output acknowledged it. The redelivery count is the quorum queue's x-delivery-count header.",
  );
export type AmqpInput = z.infer<typeof AmqpInput>;
