import * as z from "zod";
import { Duration, Expression } from "../artifact/common.js";

/** `{field.path}` placeholders, filled from the record: a routing key, subject, topic, header or key. */
export const RecordTemplate = z
  .string()
  .min(1)
  .describe("Text with `{field.path}` placeholders filled from the record, e.g. `orders.{region}`.");

/** What every broker output shares: headers, message key and idempotency key from the record, the dead letter. */
export const brokerOutputFields = {
  headers: z
    .record(z.string(), RecordTemplate)
    .default({})
    .describe("Message headers; values may hold `{field.path}` placeholders."),
  key: RecordTemplate.optional().describe(
    "The message key (per-key ordering where the broker has it; Kafka's partition key later).",
  ),
  idempotency: z
    .strictObject({
      header: z.string().min(1).default("Idempotency-Key"),
      key: Expression.describe("CEL expression for the record's stable key, e.g. record.order_id."),
    })
    .optional()
    .describe("Idempotency key = hash(connector name, record key), sent as a header on every publish and retry."),
  batch: z
    .strictObject({ size: z.number().int().min(1).max(10_000) })
    .optional()
    .describe("Records published per batch (confirmed together); absent publishes one at a time."),
  deadLetter: z
    .strictObject({ path: z.string().min(1) })
    .optional()
    .describe("NDJSON file for records the broker refuses; default .cannectors/dead-letter/<name>.ndjson."),
  payloadSchema: z
    .union([z.string().min(1), z.record(z.string(), z.unknown())])
    .optional()
    .describe(
      "JSON Schema each message body must satisfy, checked in dry runs, `test` and `plan`: inline, or a JSON/YAML file, optionally at a pointer (`events.yaml#/components/schemas/Order`).",
    ),
};

/** What every broker input shares: the in-flight bound, the redelivery limit and when a one-off run ends. */
export const brokerInputFields = {
  prefetch: z
    .number()
    .int()
    .min(1)
    .max(65_535)
    .default(256)
    .describe("Messages delivered and not yet acknowledged, at most: the back-pressure."),
  redeliveryLimit: z
    .number()
    .int()
    .min(0)
    .default(5)
    .describe("Redeliveries after which a message goes to the dead letter instead of the pipeline."),
  idleAfter: Duration.default("2s").describe(
    "`run` stops once no message arrived for this long (a one-off drain); `serve` keeps consuming.",
  ),
};
