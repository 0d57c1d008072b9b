import * as z from "zod";
import { Duration, SecretString } from "../../artifact/common.js";
import { brokerInputFields } from "../../brokers/message-schema.js";

export const RedisInput = z
  .strictObject({
    type: z.literal("redis"),
    url: SecretString.describe("redis://user:password@host:6379/db, usually `${secret:REDIS_URL}`."),
    stream: z.string().min(1).describe("The stream key consumed."),
    group: z
      .string()
      .min(1)
      .describe("The consumer group; created at the stream's start (and the stream) when missing."),
    consumer: z
      .string()
      .min(1)
      .default("cannectors")
      .describe("This consumer's name in the group: a run reads first what a previous run of this name left pending."),
    field: z.string().min(1).default("body").describe("The entry field holding the JSON record."),
    claimIdle: Duration.default("30s").describe(
      "Entries another consumer left pending this long are claimed (XAUTOCLAIM): the group's redelivery.",
    ),
    ...brokerInputFields,
  })
  .describe(
    "Consumes a Redis stream in a consumer group (XREADGROUP); each entry's `field` is one JSON record, acknowledged (XACK) once every output acknowledged it. Over the redelivery limit (the entry's delivery count in XPENDING), an entry is written to the dead-letter file and acknowledged.",
  );
export type RedisInput = z.infer<typeof RedisInput>;
