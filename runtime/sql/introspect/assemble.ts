import type { ColumnInfo, TableInfo } from "./model.js";

export interface RawColumn extends ColumnInfo {
  table: string;
}
export interface RawKey {
  table: string;
  primary: boolean;
  columns: string[];
}

/** Rows of the columns and keys queries as tables, in name order, only `wanted` when given. */
export function assemble(
  schema: string,
  columns: readonly RawColumn[],
  keys: readonly RawKey[],
  wanted: readonly string[] | undefined,
): TableInfo[] {
  const tables = new Map<string, TableInfo>();
  for (const { table, ...column } of columns) {
    if (wanted && !wanted.includes(table)) continue;
    let info = tables.get(table);
    if (!info) {
      info = { schema, name: table, primaryKey: [], uniqueKeys: [], columns: [] };
      tables.set(table, info);
    }
    info.columns.push(column);
  }
  for (const key of keys) {
    const info = tables.get(key.table);
    if (!info) continue;
    if (key.primary) info.primaryKey = key.columns;
    info.uniqueKeys.push(key.columns);
  }
  return [...tables.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
