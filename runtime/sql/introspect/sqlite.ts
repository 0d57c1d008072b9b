import type { ColumnKind, IntrospectOptions, Query, TableInfo } from "./model.js";
import { assemble, type RawColumn, type RawKey } from "./assemble.js";

/** SQLite's affinity rules (datatype3.html §3.1), with dates and JSON named for what they hold. */
function kindOf(declared: string): ColumnKind {
  const type = declared.toUpperCase();
  if (type.includes("INT")) return "integer";
  if (/CHAR|CLOB|TEXT|JSON/.test(type)) return "text";
  if (type.includes("BLOB")) return "bytes";
  if (type === "") return "unknown";
  if (/REAL|FLOA|DOUB/.test(type)) return "float";
  if (/DATE|TIME/.test(type)) return "datetime";
  if (/BOOL/.test(type)) return "integer";
  return "numeric";
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function introspectSqlite(query: Query, options: IntrospectOptions): Promise<TableInfo[]> {
  const schema = options.schema ?? "main";
  const names = (
    await query(
      `SELECT name FROM ${quote(schema)}.sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    )
  ).map((row) => String(row.name));
  const columns: RawColumn[] = [];
  const keys: RawKey[] = [];
  for (const table of names) {
    if (options.tables && !options.tables.includes(table)) continue;
    const info = await query("SELECT * FROM pragma_table_xinfo(?, ?) ORDER BY cid", [table, schema]);
    const pk = info.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk));
    // INTEGER PRIMARY KEY is the rowid: SQLite numbers a row that does not give it.
    const rowid = pk.length === 1 && String(pk[0]?.type).toUpperCase() === "INTEGER" ? String(pk[0]?.name) : undefined;
    for (const c of info) {
      const name = String(c.name);
      columns.push({
        table,
        name,
        declaredType: String(c.type ?? ""),
        kind: kindOf(String(c.type ?? "")),
        nullable: Number(c.notnull) === 0 && Number(c.pk) === 0,
        hasDefault: c.dflt_value !== null || name === rowid,
        // hidden 2 and 3: virtual and stored generated columns.
        generated: Number(c.hidden) === 2 || Number(c.hidden) === 3,
      });
    }
    if (pk.length > 0) keys.push({ table, primary: true, columns: pk.map((c) => String(c.name)) });
    for (const index of await query("SELECT * FROM pragma_index_list(?, ?)", [table, schema])) {
      if (Number(index.unique) !== 1 || Number(index.partial) === 1 || index.origin === "pk") continue;
      const parts = await query("SELECT name FROM pragma_index_info(?, ?) ORDER BY seqno", [
        String(index.name),
        schema,
      ]);
      // An expression's part has no name: such an index is no key of columns.
      if (parts.some((p) => p.name === null)) continue;
      keys.push({ table, primary: false, columns: parts.map((p) => String(p.name)) });
    }
  }
  return assemble(schema, columns, keys, options.tables);
}
