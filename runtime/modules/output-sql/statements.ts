import { type Dialect, maxBoundValues, placeholder, quoteIdent } from "../../sql/dialect.js";
import type { BoundValue } from "../../sql/values.js";

export interface Statement {
  sql: string;
  values: BoundValue[];
}

export interface TableWrite {
  dialect: Dialect;
  table: string;
  columns: readonly string[];
  /** Set for an upsert: the conflict target. */
  key: readonly string[] | undefined;
}

/** INSERT of `rows` (values in `columns` order), split so no statement binds more than the server allows. */
export function insertStatements(write: TableWrite, rows: readonly BoundValue[][]): Statement[] {
  const perStatement = Math.max(1, Math.floor(maxBoundValues(write.dialect) / write.columns.length));
  const statements: Statement[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    let n = 0;
    const tuples = chunk.map((row) => `(${row.map(() => placeholder(write.dialect, ++n)).join(", ")})`);
    statements.push({
      sql: `INSERT INTO ${quoteIdent(write.dialect, write.table)} (${columnList(write)}) VALUES ${tuples.join(", ")}${conflictClause(write)}`,
      values: chunk.flat(),
    });
  }
  return statements;
}

export function columnList(write: TableWrite): string {
  return write.columns.map((column) => quoteIdent(write.dialect, column)).join(", ");
}

/** What an upsert does on a key already there: every other column takes the new value. */
export function conflictClause(write: TableWrite): string {
  if (!write.key) return "";
  const q = (name: string) => quoteIdent(write.dialect, name);
  const others = write.columns.filter((column) => !write.key!.includes(column));
  if (write.dialect === "mysql") {
    const sets = others.length > 0 ? others : [write.key[0]!];
    return ` ON DUPLICATE KEY UPDATE ${sets.map((c) => `${q(c)} = VALUES(${q(c)})`).join(", ")}`;
  }
  const target = write.key.map(q).join(", ");
  if (others.length === 0) return ` ON CONFLICT (${target}) DO NOTHING`;
  return ` ON CONFLICT (${target}) DO UPDATE SET ${others.map((c) => `${q(c)} = excluded.${q(c)}`).join(", ")}`;
}
