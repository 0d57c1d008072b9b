import * as z from "zod";
import { Duration, FieldPath, HttpUrl, QueryMap, RequestPath, StringMap } from "../../artifact/common.js";
import { Auth } from "../../auth/schema.js";

export const EnrichCache = z
  .strictObject({
    ttl: Duration.default("5m").describe("How long a lookup's answer is reused within the run."),
    maxEntries: z.number().int().min(1).default(10_000).describe("Answers kept at most; the oldest go first."),
  })
  .describe("A per-run cache of answers, keyed by the filled URL (or the key value in the bulk form).");

export const EnrichBulk = z
  .strictObject({
    param: z.string().min(1).describe("The query parameter carrying the keys, comma-separated: `ids` → `?ids=a,b,c`."),
    key: FieldPath.describe("The record field whose value is looked up."),
    match: FieldPath.describe("The field of each answered item that equals a record's key."),
    maxBatch: z.number().int().min(1).max(1000).default(50).describe("Keys per request at most."),
    records: FieldPath.optional().describe("Where the items sit in the response; default: the response is the list."),
  })
  .describe("One request for many keys. A key the response does not answer is that record's failure.");

export const EnrichOnFailure = z
  .union([z.enum(["skip", "deadLetter"]), z.strictObject({ default: z.unknown() })])
  .describe(
    "When a lookup fails for good (after retries; 404 included): `skip` passes the record on unenriched, `deadLetter` makes it that record's dead letter (position and cause), `{ default: value }` merges `value` as if it had been the answer.",
  );

export const EnrichFilter = z
  .strictObject({
    type: z.literal("enrich"),
    baseUrl: HttpUrl,
    path: RequestPath.describe(
      "`/companies/{company_id}`: each placeholder filled from the record as exactly one path segment (an empty, `.` or `..` value is that record's failure).",
    ),
    query: QueryMap.optional(),
    headers: StringMap.optional(),
    auth: Auth.optional(),
    records: FieldPath.optional().describe("Where the answer sits in the response body; default: the whole body."),
    into: FieldPath.optional().describe("The answer goes under this field of the record."),
    fields: z
      .array(z.strictObject({ target: FieldPath, from: FieldPath }))
      .min(1)
      .optional()
      .describe("Or chosen fields of the answer copied into the record."),
    bulk: EnrichBulk.optional(),
    cache: EnrichCache.optional(),
    onFailure: EnrichOnFailure.default("deadLetter"),
    concurrency: z.number().int().min(1).max(64).default(4).describe("Lookups in flight at most."),
    timeout: Duration.optional(),
  })
  .refine((spec) => (spec.into === undefined) !== (spec.fields === undefined), {
    message: "give exactly one of `into` (the whole answer under a field) or `fields` (chosen fields of the answer)",
  })
  .describe(
    "Looks each record up over HTTP (GET) and merges the answer into it, through the run's client: the same rate budget, retry policy and host allowlist as the input and output. Records leave in the order they came.",
  );

export type EnrichFilter = z.output<typeof EnrichFilter>;
