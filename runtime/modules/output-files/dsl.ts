// Authoring: the DSL builder of the files output (../README.md).
import type { z } from "zod";
import type { Authored } from "../../../dsl/authored.js";
import type { OutputEndpoint } from "../../../dsl/endpoint.js";
import { compact, frozenCopy } from "../../../dsl/freeze.js";
import type { StringValue } from "../../../dsl/ir.js";
import { dslMisuse } from "../../../dsl/misuse.js";
import { templateProblems } from "./partition.js";
import type { FilesOutput, S3Settings } from "./schema.js";

/** The bucket's settings; the keys are normally `secret("S3_ACCESS_KEY_ID")` and `secret("S3_SECRET_ACCESS_KEY")`. */
export type S3SettingsNode = Authored<
  z.input<typeof S3Settings>,
  { accessKeyId: StringValue; secretAccessKey: StringValue; sessionToken: StringValue }
>;

/** `files(...)`: the artifact's files output. */
export type FilesOutputNode = { readonly kind: "output" } & Authored<
  z.input<typeof FilesOutput>,
  { s3: S3SettingsNode }
>;

export type FilesOptions<Row> = Omit<FilesOutputNode, "kind" | "type" | "columns"> & {
  /** CSV and Parquet columns, each a field of the map's result. */
  columns?: readonly (keyof Row & string)[];
};

/**
 * A folder or a bucket as a target: `files<OrderRow>({ location: "s3://lake/orders", format:
 * "parquet", partition: "dt={created_at:date}", s3: { accessKeyId: secret("S3_KEY"), ... } })`.
 * `Row` types the map's result and the columns.
 */
export function files<Row = Record<string, unknown>>(options: FilesOptions<Row>): OutputEndpoint<Row> {
  const s3 = options.location.startsWith("s3://");
  if (s3 !== (options.s3 !== undefined)) {
    throw dslMisuse(`files ${options.location}: s3 settings go with an s3://bucket/prefix location, and only there`);
  }
  const problems = options.partition === undefined ? [] : templateProblems(options.partition);
  if (problems.length > 0) throw dslMisuse(`files ${options.location}: ${problems.join("; ")}`);
  const output = compact({ kind: "output", type: "files", ...frozenCopy(options) }) as FilesOutputNode;
  return Object.freeze({ kind: "endpoint" as const, output }) as unknown as OutputEndpoint<Row>;
}
