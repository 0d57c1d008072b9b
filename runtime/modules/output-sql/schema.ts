import * as z from "zod";
import { Duration } from "../../artifact/common.js";
import { SqlColumn, SqlConnection, SqlTable, SqlTls } from "../../sql/schema.js";

export const SqlOutput = z
  .strictObject({
    type: z.literal("sql"),
    connection: SqlConnection,
    table: SqlTable,
    mode: z
      .enum(["insert", "upsert"])
      .default("insert")
      .describe("`insert`, or `upsert` on `key` (ON CONFLICT / ON DUPLICATE KEY UPDATE): reruns write each row once."),
    key: z
      .array(SqlColumn)
      .min(1)
      .optional()
      .describe("The columns of a unique key: required by `upsert` and `deleteMissing`."),
    columns: z
      .array(SqlColumn)
      .min(1)
      .optional()
      .describe(
        "The columns written, each from the record's field of the same name; absent: every field of each record.",
      ),
    batch: z
      .strictObject({ size: z.number().int().min(1).max(100_000) })
      .default({ size: 500 })
      .describe("Records per transaction."),
    bulk: z
      .enum(["statements", "copy"])
      .default("statements")
      .describe("`copy` (PostgreSQL): COPY each batch into a staging table, then one merge statement."),
    deleteMissing: z
      .boolean()
      .default(false)
      .describe("After a complete run with no failed record, delete the rows whose key this run did not write."),
    statementTimeout: Duration.optional().describe("The server's limit for one statement."),
    tls: SqlTls.optional(),
    deadLetter: z
      .strictObject({ path: z.string().min(1) })
      .optional()
      .describe("NDJSON file for records that fail permanently; default .cannectors/dead-letter/<name>.ndjson."),
  })
  .superRefine((spec, ctx) => {
    if ((spec.mode === "upsert" || spec.deleteMissing) && !spec.key) {
      ctx.addIssue({ code: "custom", path: ["key"], message: "upsert and deleteMissing need the key columns" });
    }
    if (spec.key && spec.columns) {
      for (const [index, column] of spec.key.entries()) {
        if (!spec.columns.includes(column)) {
          ctx.addIssue({ code: "custom", path: ["key", index], message: `key column ${column} is not in columns` });
        }
      }
    }
  })
  .describe("Writes records as rows of a PostgreSQL, MariaDB/MySQL or SQLite table.");
export type SqlOutput = z.infer<typeof SqlOutput>;
