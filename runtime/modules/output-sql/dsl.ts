// Authoring: the DSL builder of the SQL output (../README.md).
import type { OutputEndpoint } from "../../../dsl/endpoint.js";
import { compact, frozenCopy } from "../../../dsl/freeze.js";
import { dslMisuse } from "../../../dsl/misuse.js";
import type { SqlOutputNode } from "../../../dsl/sql-ir.js";

export type SqlTableOptions<Row> = Omit<SqlOutputNode, "kind" | "type" | "key" | "columns"> & {
  /** The unique key's columns: required by `mode: "upsert"` and `deleteMissing`. */
  key?: readonly (keyof Row & string)[];
  columns?: readonly (keyof Row & string)[];
};

/**
 * A table as a target: `sqlTable<ClientRow>({ connection: secret("DATABASE_URL"), table: "clients",
 * mode: "upsert", key: ["id"] })`. `Row` types the map's result as an OpenAPI body would.
 */
export function sqlTable<Row = Record<string, unknown>>(options: SqlTableOptions<Row>): OutputEndpoint<Row> {
  if ((options.mode === "upsert" || options.deleteMissing) && !options.key?.length) {
    throw dslMisuse(`sqlTable ${options.table}: upsert and deleteMissing need key columns`);
  }
  const output = compact({ kind: "output", type: "sql", ...frozenCopy(options) }) as SqlOutputNode;
  return Object.freeze({ kind: "endpoint" as const, output }) as unknown as OutputEndpoint<Row>;
}
