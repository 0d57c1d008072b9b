import * as z from "zod";
import { SecretString } from "../../artifact/common.js";
import { brokerOutputFields, RecordTemplate } from "../../brokers/message-schema.js";

export const AmqpOutput = z
  .strictObject({
    type: z.literal("amqp"),
    url: SecretString.describe("amqp://user:password@host:5672/vhost, usually `${secret:AMQP_URL}`."),
    exchange: z
      .string()
      .default("")
      .describe("The exchange published to; `` is the default exchange (routing key = queue)."),
    routingKey: RecordTemplate.describe("The routing key, e.g. `orders.{region}` or a queue name."),
    persistent: z.boolean().default(true).describe("Delivery mode 2: the broker writes the message to disk."),
    ...brokerOutputFields,
  })
  .describe(
    "Publishes each record as one JSON message to RabbitMQ (AMQP 0-9-1) with publisher confirms: a record is delivered once the broker confirmed it.",
  );
export type AmqpOutput = z.infer<typeof AmqpOutput>;
