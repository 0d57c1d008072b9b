/**
 * A SQL output's contract is its table: the columns the database reports (information_schema, or
 * SQLite's pragma_table_info), against which a planned row is checked before anything is written
 * (an unknown column, a value of the wrong kind, a NOT NULL column without default left empty).
 * The columns come from the one catalogue reading `types --db` and `validate --connect` use.
 */
import { isExactNumber } from "../json/index.js";
import type { Dialect } from "../sql/dialect.js";
import { type ColumnKind, introspectWith, requiredOnInsert } from "../sql/introspect/index.js";
import type { SqlSession } from "../sql/pool.js";
import type { ContractProblem } from "./violation.js";

type Kind = "integer" | "number" | "boolean" | "text" | "json" | "other";

export interface TableColumn {
  name: string;
  /** The database's own type name, as it reports it. */
  type: string;
  kind: Kind;
  /** NOT NULL, with no default and no generated value: a row must give it. */
  required: boolean;
}

/** The columns of `table` (`schema.table` or `table`); empty when the table does not exist. */
export async function tableColumns(session: SqlSession, dialect: Dialect, table: string): Promise<TableColumn[]> {
  const [schema, name] = table.includes(".") ? (table.split(".", 2) as [string, string]) : [undefined, table];
  // One reading of the catalogue for types --db, validate --connect and this check (runtime/sql/introspect).
  const [found] = await introspectWith(dialect, (sql, params) => session.query(sql, params), {
    schema,
    tables: [name],
  });
  return (found?.columns ?? []).map((column) => ({
    name: column.name,
    type: column.declaredType,
    kind: KINDS[column.kind],
    required: requiredOnInsert(column),
  }));
}

/** The value checks below need only these kinds of the catalogue's finer ones. */
const KINDS: Record<ColumnKind, Kind> = {
  integer: "integer",
  bigint: "integer",
  float: "number",
  numeric: "number",
  boolean: "boolean",
  text: "text",
  enum: "text",
  datetime: "text",
  json: "json",
  bytes: "other",
  array: "other",
  unknown: "other",
};

/** What the table finds wrong in one row: `fields` are the record's, `columns` the ones written. */
export function rowProblems(
  table: string,
  columns: readonly TableColumn[],
  fields: Record<string, unknown>,
  written: readonly string[],
): ContractProblem[] {
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
  const problems: ContractProblem[] = [];
  for (const name of written) {
    const found = byName.get(name.toLowerCase());
    if (!found) {
      problems.push({ pointer: `/${name}`, rule: `table ${table}`, message: `is not a column of ${table}` });
      continue;
    }
    const value = fields[name];
    if (value === null || value === undefined) continue;
    if (!fits(found.kind, value))
      problems.push({
        pointer: `/${name}`,
        rule: `table ${table} column ${found.name} ${found.type}`,
        message: `must be ${found.kind === "number" ? "a number" : found.kind} (column type ${found.type})`,
      });
  }
  const given = new Set(written.filter((name) => fields[name] !== null && fields[name] !== undefined));
  for (const c of columns) {
    if (c.required && ![...given].some((name) => name.toLowerCase() === c.name.toLowerCase()))
      problems.push({
        pointer: `/${c.name}`,
        rule: `table ${table} column ${c.name} NOT NULL`,
        message: "is required (NOT NULL without default)",
      });
  }
  return problems;
}

function fits(kind: Kind, value: unknown): boolean {
  const exact = typeof value === "bigint" || isExactNumber(value);
  switch (kind) {
    case "integer":
      return (typeof value === "number" && Number.isInteger(value)) || exact || typeof value === "boolean";
    case "number":
      return typeof value === "number" || exact;
    case "boolean":
      return typeof value === "boolean" || value === 0 || value === 1;
    case "text":
      return typeof value !== "object" || exact;
    default:
      return true;
  }
}
