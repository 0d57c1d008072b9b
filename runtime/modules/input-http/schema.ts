import * as z from "zod";
import { Auth } from "../../auth/schema.js";
import {
  Duration,
  FieldPath,
  HttpUrl,
  PathParamValue,
  QueryMap,
  RequestPath,
  StringMap,
} from "../../artifact/common.js";
import { Pagination, ValuePlace } from "../../pagination/schema.js";
import { Children } from "./children/schema.js";
import { ResponseFormat } from "./response-format.js";

export const Incremental = z
  .strictObject({
    cursorField: FieldPath.describe(
      "Record field whose value on the last record acknowledged, in stream order, is the sync cursor (e.g. updated_at).",
    ),
    param: z
      .string()
      .min(1)
      .describe("Query parameter (or, with `in: body`, body path) that carries the saved cursor on the next run."),
    initialValue: z.string().optional().describe("Value sent on the very first run; omitted when absent."),
    in: ValuePlace.optional(),
    as: z
      .enum(["string", "number"])
      .optional()
      .describe(
        "With `in: body`: write the cursor as a JSON string (default) or as a JSON number, digits exactly as saved.",
      ),
  })
  .describe(
    "Incremental sync: the source must return records in ascending cursorField order and honour `param` as 'greater than'.",
  );
export type Incremental = z.infer<typeof Incremental>;

export const SourceContract = z
  .strictObject({
    spec: z
      .string()
      .min(1)
      .describe("The source's OpenAPI file (3.x or Swagger 2.0), relative to the working directory."),
    operation: z
      .string()
      .regex(/^(GET|POST) \//, "an operation such as GET /customers")
      .optional()
      .describe("The operation the input calls; default `input.method input.path`."),
    mode: z
      .enum(["warn", "strict"])
      .default("warn")
      .describe("warn: log each drift; strict: fail the run on the first."),
    sampleEvery: z.number().int().min(1).default(20).describe("Check one record in N (and the first of every page)."),
  })
  .describe("Checks source records against the source's contract: new fields, missing required fields, changed types.");

export const HttpInput = z
  .strictObject({
    type: z.literal("http"),
    baseUrl: HttpUrl,
    path: RequestPath.default("/").describe(
      "Request path; `{name}` placeholders are filled from `pathParams`, one path segment each (percent-encoded).",
    ),
    pathParams: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, "expected a placeholder name such as owner"),
        PathParamValue,
      )
      .optional()
      .describe(
        "Values of the path's `{name}` placeholders: a constant, or `${env:NAME}` (configuration). Every placeholder must have one.",
      ),
    method: z.enum(["GET", "POST"]).default("GET"),
    query: QueryMap.default({}),
    headers: StringMap.default({}),
    body: z.unknown().optional().describe("JSON body, for sources that list through POST."),
    auth: Auth.optional(),
    pagination: Pagination.default({ type: "none" }),
    records: FieldPath.optional().describe(
      "Path to the records array in the body (JSON), or to the repeated record element (XML, e.g. Envelope.Items.Item); absent means the body is the array. Not used with CSV.",
    ),
    response: ResponseFormat.optional(),
    schedule: z.string().min(1).optional().describe("CRON expression (5 or 6 fields) for `cannectors serve`."),
    timezone: z.string().min(1).default("UTC").describe("IANA time zone the schedule is read in."),
    incremental: Incremental.optional(),
    contract: SourceContract.optional(),
    timeout: Duration.optional().describe("Overrides settings.timeouts.request for this input."),
    children: Children.optional(),
  })
  .describe("Polls an HTTP API, page by page.");
export type HttpInput = z.infer<typeof HttpInput>;
