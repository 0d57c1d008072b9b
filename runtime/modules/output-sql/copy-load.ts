import { quoteIdent } from "../../sql/dialect.js";
import type { SqlSession } from "../../sql/pool.js";
import type { BoundValue } from "../../sql/values.js";
import { columnList, conflictClause, type Statement, type TableWrite } from "./statements.js";

/**
 * PostgreSQL's bulk path, inside the batch's transaction: COPY into a temporary staging table with
 * the target's column types, then one INSERT ... SELECT (ON CONFLICT for an upsert) merges it.
 * COPY parses the text exactly as an INSERT's bound value would be. The staging table lives as
 * long as the connection and empties at each commit: creating and dropping one per batch churned
 * the catalog (a million rows in batches of 1,000 made 1,000 tables). Its name carries the target
 * and columns, so two tables or column sets on one connection never share one.
 */
export function copyPlan(write: TableWrite): { stage: string; copy: string; merge: string } {
  const columns = columnList(write);
  const stage = quoteIdent("postgres", `cannectors_stage_${fingerprint(`${write.table}\u0000${columns}`)}`);
  return {
    stage: `CREATE TEMP TABLE IF NOT EXISTS ${stage} ON COMMIT DELETE ROWS AS SELECT ${columns} FROM ${quoteIdent("postgres", write.table)} LIMIT 0`,
    copy: `COPY ${stage} (${columns}) FROM STDIN`,
    merge: `INSERT INTO ${quoteIdent("postgres", write.table)} (${columns}) SELECT ${columns} FROM ${stage}${conflictClause(write)}`,
  };
}

/** FNV-1a of the text, 8 hex digits: a short name that differs for different tables and column sets. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}

export async function copyLoad(session: SqlSession, write: TableWrite, rows: readonly BoundValue[][]): Promise<void> {
  const plan = copyPlan(write);
  await session.query(plan.stage);
  await session.copyIn(plan.copy, copyText(rows));
  await session.query(plan.merge);
}

/** The dry run's account of a COPY load: the statements, the rows as COPY would read them. */
export function copyStatements(write: TableWrite, rows: readonly BoundValue[][]): Statement[] {
  const plan = copyPlan(write);
  return [
    { sql: plan.stage, values: [] },
    { sql: plan.copy, values: rows.flat() },
    { sql: plan.merge, values: [] },
  ];
}

/** Bytes (about) per chunk handed to the COPY stream: each chunk is one CopyData message and socket write. */
const CHUNK = 256 * 1024;

/**
 * The rows in COPY's text format as a few large chunks, not a line each: a line per chunk cost
 * two socket writes per row (the message header, then the line).
 */
export function copyText(rows: readonly BoundValue[][]): string[] {
  const chunks: string[] = [];
  let text = "";
  for (const row of rows) {
    text += copyLine(row);
    if (text.length >= CHUNK) {
      chunks.push(text);
      text = "";
    }
  }
  if (text.length > 0) chunks.push(text);
  return chunks;
}

/** One row in COPY's text format: tab-separated, `\N` for NULL, backslash escapes. */
export function copyLine(row: readonly BoundValue[]): string {
  let line = "";
  for (let i = 0; i < row.length; i++) line += (i === 0 ? "" : "\t") + copyField(row[i]!);
  return `${line}\n`;
}

const SPECIAL = /[\\\n\r\t]/;

function copyField(value: BoundValue): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  // Most text has nothing to escape: one test instead of a replace that allocates.
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\n\r\t]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t"));
}
