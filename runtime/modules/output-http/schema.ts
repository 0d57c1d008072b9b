import * as z from "zod";
import { Auth } from "../../auth/schema.js";
import { Duration, Expression, FieldPath, HttpUrl, QueryMap, RequestPath, StringMap } from "../../artifact/common.js";

/** `2xx`, `404`, or `500-599`. */
const StatusPattern = z.union([
  z.number().int().min(100).max(599),
  z.string().regex(/^([1-5]xx|[1-5]\d\d-[1-5]\d\d)$/, "expected 404, 4xx or 500-599"),
]);

export const ResponseClasses = z
  .strictObject({
    success: z.array(StatusPattern).default(["2xx"]),
    retry: z.array(StatusPattern).default([408, 425, "5xx"]),
    rateLimited: z.array(StatusPattern).default([429]),
    fail: z.array(StatusPattern).default(["4xx"]),
  })
  .describe("How response statuses are classified; the first class that matches wins, in this order.");

export const HttpOutput = z
  .strictObject({
    type: z.literal("http"),
    baseUrl: HttpUrl,
    path: RequestPath.describe(
      "May hold `{field.path}` placeholders filled from the record (single-record mode only).",
    ),
    method: z.enum(["POST", "PUT", "PATCH", "DELETE"]).default("POST"),
    query: QueryMap.default({}),
    headers: StringMap.default({}),
    auth: Auth.optional(),
    encoding: z
      .enum(["json", "form"])
      .default("json")
      .describe(
        "Body encoding: `json`, or `form` (application/x-www-form-urlencoded, nested fields as `a[b]=v`, `items[0][x]=v`; single-record mode only).",
      ),
    batch: z
      .strictObject({
        size: z.number().int().min(1).max(10_000),
        wrap: FieldPath.optional().describe(
          "Envelope field holding the array, e.g. `clients`; absent sends a JSON array.",
        ),
      })
      .optional()
      .describe("Send records in batches; absent sends one record per request."),
    idempotency: z
      .strictObject({
        header: z.string().min(1).default("Idempotency-Key"),
        key: Expression.describe("CEL expression for the record's stable key, e.g. record.client_id."),
      })
      .optional()
      .describe("Idempotency key = hash(connector name, record keys): identical on every retry and rerun."),
    responses: ResponseClasses.default({
      success: ["2xx"],
      retry: [408, 425, "5xx"],
      rateLimited: [429],
      fail: ["4xx"],
    }),
    deadLetter: z
      .strictObject({ path: z.string().min(1) })
      .optional()
      .describe("NDJSON file for records that fail permanently; default .cannectors/dead-letter/<name>.ndjson."),
    contract: z
      .strictObject({
        spec: z.string().min(1).describe("The target's OpenAPI file, relative to the working directory."),
        operation: z
          .string()
          .regex(/^(POST|PUT|PATCH|DELETE) \//, "an operation such as POST /clients")
          .optional()
          .describe("The operation called; default `output.method output.path`."),
      })
      .optional()
      .describe("The target's contract: a dry run checks every planned body against its request schema."),
    timeout: Duration.optional(),
  })
  .describe("Sends records to an HTTP API.");
export type HttpOutput = z.infer<typeof HttpOutput>;
export type ResponseClasses = z.infer<typeof ResponseClasses>;
export type StatusPattern = z.infer<typeof StatusPattern>;
