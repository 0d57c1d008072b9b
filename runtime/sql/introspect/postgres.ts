import type { ColumnKind, IntrospectOptions, Query, TableInfo } from "./model.js";
import { assemble, type RawColumn, type RawKey } from "./assemble.js";

const KINDS: Record<string, ColumnKind> = {
  int2: "integer",
  int4: "integer",
  int8: "bigint",
  float4: "float",
  float8: "float",
  numeric: "numeric",
  bool: "boolean",
  date: "datetime",
  time: "datetime",
  timetz: "datetime",
  timestamp: "datetime",
  timestamptz: "datetime",
  json: "json",
  jsonb: "json",
  bytea: "bytes",
};
// Types pg hands over as text (interval, money and the like become objects or locale text: unknown).
const TEXT = new Set(["text", "varchar", "bpchar", "char", "name", "uuid", "citext", "inet", "cidr", "macaddr", "xml"]);

function kindOf(typname: string, typtype: string, typcategory: string): ColumnKind {
  if (typtype === "e") return "enum";
  if (typcategory === "A") return "array";
  return KINDS[typname] ?? (TEXT.has(typname) ? "text" : "unknown");
}

// Catalogue views rather than information_schema: identity, generated columns, enum labels and
// unique indexes in two queries, and visible to a role that owns nothing in the schema.
const COLUMNS = `
SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS declared,
  COALESCE(bt.typname, t.typname) AS typname, COALESCE(bt.typtype, t.typtype) AS typtype,
  COALESCE(bt.typcategory, t.typcategory) AS typcategory, NOT a.attnotnull AS nullable,
  a.atthasdef AS has_default, a.attidentity AS identity, a.attgenerated AS generated,
  (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e
     WHERE e.enumtypid = COALESCE(bt.oid, t.oid)) AS enum_values
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`;

const KEYS = `
SELECT c.relname AS table_name, i.indisprimary AS is_primary, ic.relname AS key_name,
  array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
ORDER BY c.relname, ic.relname`;

export async function introspectPostgres(query: Query, options: IntrospectOptions): Promise<TableInfo[]> {
  const schema = options.schema ?? String((await query("SELECT current_schema() AS s"))[0]?.s ?? "public");
  const columns: RawColumn[] = (await query(COLUMNS, [schema])).map((row) => ({
    table: String(row.table_name),
    name: String(row.column_name),
    declaredType: String(row.declared),
    kind: kindOf(String(row.typname), String(row.typtype), String(row.typcategory)),
    ...(Array.isArray(row.enum_values) ? { enumValues: row.enum_values.map(String) } : {}),
    nullable: row.nullable === true,
    // An identity BY DEFAULT fills itself when not written; ALWAYS refuses a written value.
    // A generated column's expression is stored as its default: not one an insert may rely on.
    hasDefault: (row.has_default === true && !row.generated) || row.identity === "d",
    generated: row.identity === "a" || (typeof row.generated === "string" && row.generated !== ""),
  }));
  const keys: RawKey[] = (await query(KEYS, [schema])).map((row) => ({
    table: String(row.table_name),
    primary: row.is_primary === true,
    columns: (row.columns as unknown[]).map(String),
  }));
  return assemble(schema, columns, keys, options.tables);
}
