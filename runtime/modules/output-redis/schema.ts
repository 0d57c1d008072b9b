import * as z from "zod";
import { SecretString } from "../../artifact/common.js";
import { brokerOutputFields, RecordTemplate } from "../../brokers/message-schema.js";

export const RedisOutput = z
  .strictObject({
    type: z.literal("redis"),
    url: SecretString.describe("redis://user:password@host:6379/db, usually `${secret:REDIS_URL}`."),
    stream: RecordTemplate.describe("The stream key appended to (XADD), e.g. `orders:{region}`."),
    field: z.string().min(1).default("body").describe("The entry field holding the JSON record."),
    maxLen: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Trims the stream to about this many entries (`MAXLEN ~`); absent keeps every entry."),
    ...brokerOutputFields,
  })
  .describe(
    "Appends each record as one entry to a Redis stream (XADD): the record's JSON in `field`, each header as a field of its own, the message key in `key`. A batch is one pipeline.",
  );
export type RedisOutput = z.infer<typeof RedisOutput>;
