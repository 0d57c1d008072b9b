import * as z from "zod";
import { Duration, SecretString } from "../../artifact/common.js";
import { SqlColumn, SqlConnection, SqlTable, SqlTls } from "../../sql/schema.js";

const Param = z.union([SecretString, z.number(), z.boolean(), z.null()]);

export const SqlInput = z
  .strictObject({
    type: z.literal("sql"),
    connection: SqlConnection,
    query: z
      .string()
      .min(1)
      .optional()
      .describe(
        "A SELECT; values come from `params` as placeholders (`$1` on PostgreSQL, `?` elsewhere), never spliced.",
      ),
    params: z.array(Param).default([]).describe("The query's bound values, in placeholder order."),
    table: SqlTable.optional().describe("Read this table instead of a query."),
    columns: z.array(SqlColumn).min(1).optional().describe("The table's columns read; absent: all of them."),
    incremental: z
      .strictObject({
        column: SqlColumn.describe("The column that grows as rows change, e.g. updated_at."),
        key: SqlColumn.describe("A unique column that orders rows tied on `column` (the tie-breaker)."),
      })
      .optional()
      .describe(
        "Reads the rows after the saved cursor (column, key) in that order; the cursor moves as rows are delivered.",
      ),
    pageSize: z.number().int().min(1).max(100_000).default(1000).describe("Rows held in memory at once."),
    schedule: z.string().min(1).optional().describe("CRON expression (5 or 6 fields) for `cannectors serve`."),
    timezone: z.string().min(1).default("UTC").describe("IANA time zone the schedule is read in."),
    statementTimeout: Duration.optional().describe("The server's limit for one statement."),
    tls: SqlTls.optional(),
  })
  .superRefine((spec, ctx) => {
    if ((spec.query === undefined) === (spec.table === undefined)) {
      ctx.addIssue({ code: "custom", path: ["query"], message: "give exactly one of query and table" });
    }
    if (spec.incremental && spec.table === undefined) {
      ctx.addIssue({ code: "custom", path: ["incremental"], message: "incremental reads a table: set table" });
    }
  })
  .describe("Reads rows of a PostgreSQL, MariaDB/MySQL or SQLite query or table as records.");
export type SqlInput = z.infer<typeof SqlInput>;
