// Authoring: the DSL builders of the SQL input (../README.md).
import type { InputEndpoint } from "../../../dsl/endpoint.js";
import { compact, frozenCopy } from "../../../dsl/freeze.js";
import type { StringValue } from "../../../dsl/ir.js";
import type { SqlInputNode } from "../../../dsl/sql-ir.js";

type Common = Omit<
  SqlInputNode,
  "kind" | "type" | "connection" | "query" | "params" | "table" | "columns" | "incremental"
>;

/** A query as a source, values bound: `sqlQuery<Row>(secret("DB_URL"), "SELECT ... WHERE region = $1", ["eu"])`. */
export function sqlQuery<Row = Record<string, unknown>>(
  connection: StringValue,
  query: string,
  params: SqlInputNode["params"] = [],
  options: Common = {},
): InputEndpoint<Row> {
  return endpoint({ connection, query, params, ...options });
}

/** A table as a source, optionally read incrementally after the saved (column, key). */
export function sqlSource<Row = Record<string, unknown>>(
  connection: StringValue,
  table: string,
  options: Common & {
    columns?: readonly (keyof Row & string)[];
    incremental?: { column: keyof Row & string; key: keyof Row & string };
  } = {},
): InputEndpoint<Row> {
  return endpoint({ connection, table, ...options });
}

function endpoint<Row>(fields: Omit<SqlInputNode, "kind" | "type">): InputEndpoint<Row> {
  const input = compact({ kind: "input", type: "sql", ...frozenCopy(fields) }) as SqlInputNode;
  return Object.freeze({ kind: "endpoint" as const, input }) as unknown as InputEndpoint<Row>;
}
