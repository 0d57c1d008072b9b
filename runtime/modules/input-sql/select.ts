import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { decodeJson, stringifyJson } from "../../json/index.js";
import { type Dialect, placeholder, quoteIdent } from "../../sql/dialect.js";
import type { Row } from "../../sql/pool.js";
import { type BoundValue, bindValue } from "../../sql/values.js";
import type { SqlInput } from "./schema.js";

/**
 * The statement a run reads. A table read incrementally is ordered by (column, key) and starts
 * strictly after the saved (column, key): the key breaks ties on the column, so rows sharing an
 * `updated_at` are never skipped nor read twice, however the pages fall.
 */
export function selectOf(
  spec: SqlInput,
  dialect: Dialect,
  savedCursor: string | undefined,
): { sql: string; values: BoundValue[] } {
  if (spec.query !== undefined) return { sql: spec.query, values: spec.params.map((v) => bindValue(dialect, v)) };
  const q = (name: string) => quoteIdent(dialect, name);
  const table = q(spec.table!);
  const { incremental } = spec;
  const names =
    spec.columns && incremental ? [...new Set([...spec.columns, incremental.column, incremental.key])] : spec.columns;
  const columns = names ? names.map(q).join(", ") : "*";
  if (!incremental) return { sql: `SELECT ${columns} FROM ${table}`, values: [] };
  const order = `${q(incremental.column)}, ${q(incremental.key)}`;
  if (savedCursor === undefined) return { sql: `SELECT ${columns} FROM ${table} ORDER BY ${order}`, values: [] };
  const [after, key] = parseCursor(savedCursor);
  return {
    sql: `SELECT ${columns} FROM ${table} WHERE (${order}) > (${placeholder(dialect, 1)}, ${placeholder(dialect, 2)}) ORDER BY ${order}`,
    values: [bindValue(dialect, after), bindValue(dialect, key)],
  };
}

/** The cursor a row leaves: its (column, key) as exact JSON text. */
export function cursorOf(spec: SqlInput, row: Row): string {
  const { column, key } = spec.incremental!;
  if (row[column] === undefined || row[key] === undefined) {
    throw new CannectorsError(
      ErrorCodes.PAGE_INVALID,
      `input row has no ${row[column] === undefined ? column : key} column`,
    );
  }
  return stringifyJson([row[column], row[key]]);
}

function parseCursor(text: string): [unknown, unknown] {
  const value = decodeJson(text, { maxDepth: 4 }).value;
  if (!Array.isArray(value) || value.length !== 2) {
    throw new CannectorsError(
      ErrorCodes.STATE,
      `saved cursor ${JSON.stringify(text)} is not a SQL input's (column, key)`,
    );
  }
  return [value[0], value[1]];
}
