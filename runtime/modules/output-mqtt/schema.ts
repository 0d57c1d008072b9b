import * as z from "zod";
import { SecretString } from "../../artifact/common.js";
import { brokerOutputFields, RecordTemplate } from "../../brokers/message-schema.js";

export const MqttOutput = z
  .strictObject({
    type: z.literal("mqtt"),
    url: SecretString.describe("mqtt://user:password@host:1883 (or mqtts://), usually `${secret:MQTT_URL}`."),
    topic: RecordTemplate.refine((topic) => !/[+#]/.test(topic.replace(/\{[^{}]+\}/g, "")), {
      message: "a topic published to has no wildcard (`+`, `#`)",
    }).describe(
      "The topic published to, e.g. `orders/{region}/created`: each `{field}` fills exactly one topic level (a value with `/`, `+`, `#` or nothing is that record's dead letter).",
    ),
    retain: z
      .boolean()
      .default(false)
      .describe("Publishes with the retain flag: the broker keeps the last message of each topic."),
    clientId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional()
      .describe("The publisher's client id; default `cannectors-<connector>-<random>` (a clean session)."),
    ...brokerOutputFields,
  })
  .describe(
    "Publishes each record as one JSON message (MQTT 5, QoS 1) and waits for the broker's PUBACK. Headers, the message key (`Message-Key`) and the idempotency key travel as MQTT 5 user properties; the payload is the record, exactly.",
  );
export type MqttOutput = z.infer<typeof MqttOutput>;
