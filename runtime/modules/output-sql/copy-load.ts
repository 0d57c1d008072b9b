import { quoteIdent } from "../../sql/dialect.js";
import type { SqlSession } from "../../sql/pool.js";
import type { BoundValue } from "../../sql/values.js";
import type { CopyBuffers } from "./copy-buffers.js";
import { type CopyRow, copyChunks } from "./copy-text.js";
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

export async function copyLoad(
  session: SqlSession,
  write: TableWrite,
  rows: readonly CopyRow[],
  buffers: CopyBuffers,
): Promise<void> {
  const plan = copyPlan(write);
  // Once per connection: the statement is a round trip (and a notice) each batch otherwise.
  if (!session.kept.has(plan.stage)) {
    await session.query(plan.stage);
    session.kept.add(plan.stage);
  }
  const chunks = copyChunks(rows, buffers);
  await session.copyIn(plan.copy, chunks);
  buffers.give(chunks);
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
