/**
 * A SQL output's contract is its table: the columns the database reports (information_schema, or
 * SQLite's pragma_table_info), against which a planned row is checked before anything is written
 * (an unknown column, a value of the wrong kind, a NOT NULL column without default left empty).
 * Kept small on purpose: the `cannectors types --db` introspection may absorb it later.
 */
import { isExactNumber } from "../json/index.js";
import type { Dialect } from "../sql/dialect.js";
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
  if (dialect === "sqlite") {
    const rows = await session.query('SELECT name, type, "notnull" AS nn, dflt_value, pk FROM pragma_table_info(?)', [
      name,
    ]);
    return rows.map((row) => {
      const type = String(row.type ?? "");
      // An INTEGER PRIMARY KEY is the rowid: SQLite fills it when absent.
      const rowid = Number(row.pk) > 0 && /^integer$/i.test(type);
      return column(String(row.name), type, Number(row.nn) === 1 && row.dflt_value === null && !rowid);
    });
  }
  const sql =
    dialect === "postgres"
      ? `SELECT column_name AS name, data_type AS type, is_nullable AS nullable, column_default AS dflt,
           (is_identity = 'YES' OR is_generated <> 'NEVER') AS generated
         FROM information_schema.columns WHERE table_name = $1 AND table_schema = coalesce($2::text, current_schema())`
      : `SELECT column_name AS name, column_type AS type, is_nullable AS nullable, column_default AS dflt,
           (extra LIKE '%auto_increment%' OR extra LIKE '%GENERATED%') AS generated
         FROM information_schema.columns WHERE table_name = ? AND table_schema = coalesce(?, database())`;
  const rows = await session.query(sql, [name, schema ?? null]);
  return rows.map((row) => {
    const generated = row.generated === true || Number(row.generated) === 1;
    return column(String(row.name), String(row.type), row.nullable === "NO" && row.dflt === null && !generated);
  });
}

function column(name: string, type: string, required: boolean): TableColumn {
  return { name, type, kind: kindOf(type), required };
}

function kindOf(type: string): Kind {
  const t = type.toLowerCase();
  // MySQL's boolean is tinyint(1).
  if (t === "boolean" || t === "bool" || t === "tinyint(1)") return "boolean";
  if (/int/.test(t)) return "integer";
  if (/numeric|decimal|real|double|float/.test(t)) return "number";
  if (/json/.test(t)) return "json";
  if (/char|text|clob|uuid|enum/.test(t)) return "text";
  return "other";
}

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
