/**
 * What a database says about its tables, in one shape for PostgreSQL, MariaDB/MySQL and SQLite:
 * `cannectors types --db` writes TypeScript from it, `validate --connect` and the dry run's table
 * contract compare a connector with it.
 */

/** How the runtime carries a column's values as record fields (runtime/sql/read-values.ts). */
export type ColumnKind =
  | "integer"
  /** 64-bit: read exactly (a number, a BigInt above 2^53); written as a number or its digits. */
  | "bigint"
  | "float"
  /** numeric/decimal: read exactly as a number; written as a number or its digits. */
  | "numeric"
  | "boolean"
  | "text"
  | "enum"
  /** date, time, timestamp(tz), datetime: text as the database writes it (never a JS Date). */
  | "datetime"
  | "json"
  /** bytea/blob: read as base64 text. */
  | "bytes"
  | "array"
  | "unknown";

export interface ColumnInfo {
  name: string;
  /** The type as the database declares it: `character varying(40)`, `bigint(20) unsigned`, `TEXT`. */
  declaredType: string;
  kind: ColumnKind;
  /** The labels of an enum column, in order. */
  enumValues?: string[];
  nullable: boolean;
  /** A DEFAULT, an auto-increment or a by-default identity: the database fills it when not written. */
  hasDefault: boolean;
  /** Computed by the database (a generated column, an `ALWAYS` identity): never written. */
  generated: boolean;
}

export interface TableInfo {
  /** The schema (PostgreSQL), database (MySQL) or attached database (SQLite, `main`). */
  schema: string;
  name: string;
  /** The primary key's columns, in order; empty when there is none. */
  primaryKey: string[];
  /** Every unique key (the primary key included) without a predicate or an expression. */
  uniqueKeys: string[][];
  columns: ColumnInfo[];
}

/** NOT NULL, no default, not generated: an insert must give it a value. */
export function requiredOnInsert(column: ColumnInfo): boolean {
  return !column.nullable && !column.hasDefault && !column.generated;
}

export interface IntrospectOptions {
  /** The schema / database to read; absent: the connection's own (`public`, the URL's database, `main`). */
  schema?: string | undefined;
  /** Only these tables (unqualified names); absent: every table and view. */
  tables?: readonly string[] | undefined;
}

/** One query's rows: the introspection runs on whatever session the caller holds. */
export type Query = (sql: string, params?: readonly (string | number)[]) => Promise<Record<string, unknown>[]>;
