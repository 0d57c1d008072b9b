import type { ColumnKind, IntrospectOptions, Query, TableInfo } from "./model.js";
import { assemble, type RawColumn, type RawKey } from "./assemble.js";

// TINYINT(1) / BOOLEAN reads as 0 or 1 and YEAR as a number: both integers for the record.
const KINDS: Record<string, ColumnKind> = {
  tinyint: "integer",
  smallint: "integer",
  mediumint: "integer",
  int: "integer",
  integer: "integer",
  year: "integer",
  bigint: "bigint",
  float: "float",
  double: "float",
  decimal: "numeric",
  date: "datetime",
  datetime: "datetime",
  timestamp: "datetime",
  time: "datetime",
  // MySQL's JSON type; MariaDB's JSON is LONGTEXT with a check and reads as text.
  json: "json",
  enum: "enum",
  binary: "bytes",
  varbinary: "bytes",
  tinyblob: "bytes",
  blob: "bytes",
  mediumblob: "bytes",
  longblob: "bytes",
};
const TEXT = new Set(["char", "varchar", "tinytext", "text", "mediumtext", "longtext", "set"]);

const COLUMNS = `
SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, DATA_TYPE AS data_type, COLUMN_TYPE AS column_type,
  IS_NULLABLE AS is_nullable, COLUMN_DEFAULT AS column_default, EXTRA AS extra
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`;

const KEYS = `
SELECT TABLE_NAME AS table_name, INDEX_NAME AS key_name, COLUMN_NAME AS column_name
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND NON_UNIQUE = 0 AND COLUMN_NAME IS NOT NULL
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;

/** `enum('a','b''c')` → ["a", "b'c"]. */
function enumLabels(columnType: string): string[] {
  return [...columnType.matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? "").replace(/''/g, "'"));
}

export async function introspectMysql(query: Query, options: IntrospectOptions): Promise<TableInfo[]> {
  const schema = options.schema ?? String((await query("SELECT DATABASE() AS s"))[0]?.s ?? "");
  const columns: RawColumn[] = (await query(COLUMNS, [schema])).map((row) => {
    const dataType = String(row.data_type).toLowerCase();
    const columnType = String(row.column_type);
    const extra = String(row.extra ?? "").toLowerCase();
    const kind = KINDS[dataType] ?? (TEXT.has(dataType) ? "text" : "unknown");
    const nullable = row.is_nullable === "YES";
    // MariaDB shows DEFAULT NULL as the text NULL (a string default is quoted); none at all is SQL NULL.
    const defaultNull = row.column_default === null || (nullable && row.column_default === "NULL");
    return {
      table: String(row.table_name),
      name: String(row.column_name),
      declaredType: columnType,
      kind,
      ...(kind === "enum" ? { enumValues: enumLabels(columnType) } : {}),
      nullable,
      hasDefault: !defaultNull || extra.includes("auto_increment"),
      generated: /\b(virtual|stored|persistent)\b/.test(extra),
    };
  });
  const byKey = new Map<string, RawKey>();
  for (const row of await query(KEYS, [schema])) {
    const id = `${String(row.table_name)}\u0000${String(row.key_name)}`;
    let key = byKey.get(id);
    if (!key) {
      key = { table: String(row.table_name), primary: row.key_name === "PRIMARY", columns: [] };
      byKey.set(id, key);
    }
    key.columns.push(String(row.column_name));
  }
  return assemble(schema, columns, [...byKey.values()], options.tables);
}
