import { quoteIdent } from "../../sql/dialect.js";
import type { SqlSession } from "../../sql/pool.js";
import type { BoundValue } from "../../sql/values.js";
import { columnList, conflictClause, type Statement, type TableWrite } from "./statements.js";

const STAGE = "cannectors_stage";

/**
 * PostgreSQL's bulk path, inside the batch's transaction: COPY into a temporary staging table with
 * the target's column types (dropped at commit), then one INSERT ... SELECT (ON CONFLICT for an
 * upsert) merges it. COPY parses the text exactly as an INSERT's bound value would be.
 */
export function copyPlan(write: TableWrite): { stage: string; copy: string; merge: string } {
  const columns = columnList(write);
  const stage = quoteIdent("postgres", STAGE);
  return {
    stage: `CREATE TEMP TABLE ${stage} ON COMMIT DROP AS SELECT ${columns} FROM ${quoteIdent("postgres", write.table)} LIMIT 0`,
    copy: `COPY ${stage} (${columns}) FROM STDIN`,
    merge: `INSERT INTO ${quoteIdent("postgres", write.table)} (${columns}) SELECT ${columns} FROM ${stage}${conflictClause(write)}`,
  };
}

export async function copyLoad(session: SqlSession, write: TableWrite, rows: readonly BoundValue[][]): Promise<void> {
  const plan = copyPlan(write);
  await session.query(plan.stage);
  await session.copyIn(plan.copy, rows.map(copyLine));
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

/** One row in COPY's text format: tab-separated, `\N` for NULL, backslash escapes. */
export function copyLine(row: readonly BoundValue[]): string {
  return `${row.map(copyField).join("\t")}\n`;
}

function copyField(value: BoundValue): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  const text = String(value);
  return text.replace(/[\\\n\r\t]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t"));
}
