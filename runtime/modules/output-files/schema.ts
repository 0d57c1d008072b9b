import * as z from "zod";
import { SecretString } from "../../artifact/common.js";

/** `{field.path}` or `{field.path:date}` placeholders; literal text between them is written as is. */
export const PartitionTemplate = z
  .string()
  .min(1)
  .describe(
    "Relative folder of each record's file: text with `{field}` placeholders, each value one path segment; `{field:date}` (`YYYY-MM-DD`), `{field:month}`, `{field:hour}` take an ISO timestamp or epoch seconds. E.g. `region={region}/dt={created_at:date}`.",
  );

export const S3Settings = z
  .strictObject({
    endpoint: z
      .string()
      .url()
      .optional()
      .describe("An S3-compatible endpoint (MinIO, R2, Ceph...); absent: AWS at `https://s3.<region>.amazonaws.com`."),
    region: z.string().min(1).default("us-east-1"),
    accessKeyId: SecretString.describe("Usually `${secret:S3_ACCESS_KEY_ID}`."),
    secretAccessKey: SecretString.describe("Usually `${secret:S3_SECRET_ACCESS_KEY}`."),
    sessionToken: SecretString.optional(),
    pathStyle: z
      .boolean()
      .default(false)
      .describe("Address the bucket as `endpoint/bucket/key` (MinIO, local servers) instead of `bucket.endpoint/key`."),
    partSize: z
      .number()
      .int()
      .min(5 * 1024 * 1024)
      .max(512 * 1024 * 1024)
      .default(8 * 1024 * 1024)
      .describe("A file larger than this is sent as a multipart upload in parts of this size; smaller, as one PUT."),
  })
  .describe("Where and how to reach the bucket of an `s3://` location.");

export const FilesOutput = z
  .strictObject({
    type: z.literal("files"),
    location: z
      .string()
      .min(1)
      .describe("A local folder (created if missing), or `s3://bucket/prefix` (then `s3` is required)."),
    s3: S3Settings.optional(),
    format: z
      .enum(["ndjson", "csv", "parquet"])
      .describe("One record per line (exact JSON), CSV with a header, or Parquet."),
    partition: PartitionTemplate.optional(),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, `.`, `_` and `-` only")
      .optional()
      .describe("File names start with this; default the connector's name."),
    columns: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        "CSV and Parquet: the columns, each from the field of that name (absent: empty / null). Absent: every field of the file's records, in first-seen order.",
      ),
    roll: z
      .strictObject({
        records: z.number().int().min(1).max(1_000_000).default(10_000).describe("Records per file at most."),
        bytes: z
          .number()
          .int()
          .min(1024)
          .default(128 * 1024 * 1024)
          .describe(
            "A file is closed once the JSON text of its records reaches this many bytes (NDJSON: the file's size).",
          ),
      })
      .default({ records: 10_000, bytes: 128 * 1024 * 1024 })
      .describe("When a file is closed and the next one started."),
    deadLetter: z
      .strictObject({ path: z.string().min(1) })
      .optional()
      .describe("NDJSON file for records that cannot be written; default .cannectors/dead-letter/<name>.ndjson."),
  })
  .superRefine((spec, ctx) => {
    if (spec.location.startsWith("s3://") && !spec.s3) {
      ctx.addIssue({ code: "custom", path: ["s3"], message: "an s3:// location needs the s3 settings (credentials)" });
    }
    if (!spec.location.startsWith("s3://") && spec.s3) {
      ctx.addIssue({ code: "custom", path: ["s3"], message: "s3 settings are for an s3://bucket/prefix location" });
    }
    if (spec.columns && spec.format === "ndjson") {
      ctx.addIssue({
        code: "custom",
        path: ["columns"],
        message: "columns are for csv and parquet; ndjson writes whole records",
      });
    }
  })
  .describe(
    "Writes records as NDJSON, CSV or Parquet files into a local folder or an S3-compatible bucket; each file appears whole (temporary name then rename, or one PUT / a completed multipart upload).",
  );
export type FilesOutput = z.infer<typeof FilesOutput>;
