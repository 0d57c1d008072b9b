import * as z from "zod";
import { Duration, SecretString } from "../../artifact/common.js";
import { brokerInputFields } from "../../brokers/message-schema.js";

/** A subscription topic filter: `+` and `#` only as whole levels, `#` last. */
const TopicFilter = z
  .string()
  .min(1)
  .refine((filter) => filter.split("/").every((level, i, all) => validFilterLevel(level, i === all.length - 1)), {
    message: "`+` and `#` stand alone in a topic level, and `#` only in the last one",
  });

function validFilterLevel(level: string, last: boolean): boolean {
  if (level === "+" || (level === "#" && last)) return true;
  return !level.includes("+") && !level.includes("#");
}

export const MqttInput = z
  .strictObject({
    type: z.literal("mqtt"),
    url: SecretString.describe("mqtt://user:password@host:1883 (or mqtts://), usually `${secret:MQTT_URL}`."),
    clientId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .describe(
        "The fixed client id of the persistent session: the broker keeps its subscriptions and unacknowledged messages.",
      ),
    topics: z.array(TopicFilter).min(1).describe("Topic filters subscribed at QoS 1, e.g. `orders/+/created`."),
    protocolVersion: z
      .union([z.literal(5), z.literal(4)])
      .default(5)
      .describe(
        "5 (MQTT 5: the session lasts `sessionExpiry`) or 4 (MQTT 3.1.1: clean session off, kept by the broker).",
      ),
    sessionExpiry: Duration.default("168h").describe(
      "MQTT 5: how long the broker keeps the session (and queues messages) while no run is connected.",
    ),
    deliveryCounts: z
      .string()
      .min(1)
      .optional()
      .describe(
        "File counting redeliveries (MQTT carries no count): default .cannectors/mqtt/<clientId>.deliveries.json.",
      ),
    ...brokerInputFields,
  })
  .describe(
    "Consumes MQTT topics with QoS 1 in a persistent session; each message payload is one JSON record, acknowledged (PUBACK) once every output acknowledged it. Over the redelivery limit (counted in the `deliveryCounts` file from redelivered messages), a message is written to the dead-letter file and acknowledged.",
  );
export type MqttInput = z.infer<typeof MqttInput>;
