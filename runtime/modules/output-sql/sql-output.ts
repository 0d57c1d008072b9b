import { failedRecordEntry } from "../../engine/modules.js";
import { durationMs } from "../../artifact/common.js";
import type {
  DeadLetterSink,
  DeliveryResult,
  DryRunSink,
  ModuleContext,
  OutputModule,
  OutputRecord,
} from "../../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { dialectOf } from "../../sql/dialect.js";
import { lazyPool } from "../../sql/pool.js";
import { CopyBuffers } from "./copy-buffers.js";
import { copyLoad, copyStatements } from "./copy-load.js";
import { deleteMissingKeys } from "./delete-missing.js";
import { groupRows, type PreparedRow, rowPreparer, rowValues } from "./rows.js";
import type { SqlOutput } from "./schema.js";
import { insertStatements, type TableWrite } from "./statements.js";
import { writeWithRetry } from "./write-with-retry.js";
import { tableCheck } from "./table-check.js";
import type { OutputContract } from "../../contract/violation.js";

export interface SqlOutputContext extends ModuleContext {
  deadLetter: DeadLetterSink;
  /** When set, statements and their bound values are written here and nothing runs. */
  dryRun?: DryRunSink | undefined;
  /** Set when rows are checked against the table's columns (a dry run; a fixture replay). */
  contract?: OutputContract | undefined;
}

/**
 * Writes each batch of records as rows, in one transaction per batch. A batch the database refuses
 * is written again row by row, each in its own transaction, so only the rows refused alone are
 * dead-lettered. The pool opens on the first batch: a dry run never connects.
 */
export function createSqlOutput(spec: SqlOutput, ctx: SqlOutputContext): OutputModule {
  const dialect = dialectOf(spec.connection);
  if (spec.bulk === "copy" && dialect !== "postgres") {
    throw new CannectorsError(ErrorCodes.CONFIG_INVALID, "output.bulk copy is PostgreSQL's: use statements", {
      details: { dialect },
    });
  }
  const pool = lazyPool(dialect, {
    url: spec.connection,
    max: ctx.concurrency ?? 4,
    statementTimeoutMs: spec.statementTimeout === undefined ? undefined : durationMs(spec.statementTimeout),
    tls: spec.tls,
  });
  const upsert = spec.mode === "upsert";
  const target = `${dialect} table ${spec.table}`;
  // Keys written by this run, for deleteMissing (kept in memory: one short text per row).
  const written = spec.deleteMissing ? new Set<string>() : undefined;
  const useCopy = spec.bulk === "copy";
  const copyBuffers = new CopyBuffers(2 * (ctx.concurrency ?? 4));
  const prepareRow = rowPreparer(dialect, spec.columns, spec.key);

  const writeOf = (row: PreparedRow): TableWrite => ({
    dialect,
    table: spec.table,
    columns: row.columns,
    key: upsert ? spec.key : undefined,
  });

  function deadLetter(rows: readonly OutputRecord[], reason: string, attempts: number): DeliveryResult {
    for (const record of rows) {
      ctx.deadLetter.write(failedRecordEntry(ctx.connectorName, record, reason, { attempts }));
      ctx.logger.warn("record dead-lettered", { seq: record.seq, reason, attempts });
    }
    return { delivered: 0, deadLettered: rows.length };
  }

  const columns = tableCheck(pool.get, dialect, spec.table, ctx);

  /** Reports what the table refuses in each row; in a dry run such a row fails as the write would. Returns how many. */
  async function checkRows(rows: readonly PreparedRow[], contract: OutputContract): Promise<number> {
    const check = await columns();
    if (!check) return 0;
    let refused = 0;
    for (const row of rows) {
      const problems = check(row.record.value as Record<string, unknown>, row.columns);
      for (const problem of problems) contract.report({ seq: row.record.seq, ...problem });
      if (problems.length === 0 || !contract.refuse) continue;
      refused++;
      const reason = `the table refuses the row: ${problems
        .slice(0, 5)
        .map((p) => `${p.pointer} ${p.message}`)
        .join("; ")}`;
      deadLetter([row.record], reason, 0);
    }
    return refused;
  }

  async function write(rows: readonly PreparedRow[], alone: boolean): Promise<DeliveryResult> {
    const total: DeliveryResult = { delivered: 0, deadLettered: 0 };
    const groups = groupRows(rows, upsert);
    if (ctx.dryRun) {
      const refused = ctx.contract ? await checkRows(rows, ctx.contract) : 0;
      for (const group of groups) {
        const table = writeOf(group.rows[0]!);
        const values = group.rows.map((row) => rowValues(dialect, row));
        const statements = useCopy && !alone ? copyStatements(table, values) : insertStatements(table, values);
        for (const { sql, values: bound } of statements) {
          ctx.dryRun.write({ method: "SQL", url: target, headers: {}, body: { statement: sql, values: bound } });
        }
      }
      return { delivered: rows.length - refused, deadLettered: refused };
    }
    const outcome = await writeWithRetry(
      pool.get,
      async (session) => {
        for (const group of groups) {
          const table = writeOf(group.rows[0]!);
          if (useCopy && !alone) await copyLoad(session, table, group.rows, copyBuffers);
          else {
            const values = group.rows.map((row) => rowValues(dialect, row));
            for (const statement of insertStatements(table, values))
              await session.query(statement.sql, statement.values);
          }
        }
      },
      ctx,
      target,
      rows.length,
    );
    if (outcome.ok) {
      for (const row of rows) if (row.key !== undefined) written?.add(row.key);
      total.delivered += rows.length;
      return total;
    }
    if (outcome.rejected && rows.length > 1) {
      ctx.logger.warn("batch refused, writing its rows one by one", {
        target,
        rows: rows.length,
        reason: outcome.reason,
      });
      ctx.onSplit?.();
      for (const row of rows) add(total, await write([row], true));
      return total;
    }
    return deadLetter(
      rows.map((row) => row.record),
      outcome.reason,
      outcome.attempts,
    );
  }

  return {
    async deliver(batch) {
      if (ctx.signal.aborted) {
        throw new CannectorsError(ErrorCodes.CANCELLED, `sql output cancelled before ${target}`, {
          cause: ctx.signal.reason,
        });
      }
      const total: DeliveryResult = { delivered: 0, deadLettered: 0 };
      const ready: PreparedRow[] = [];
      for (const record of batch) {
        const prepared = prepareRow(record);
        if (typeof prepared === "string") add(total, deadLetter([record], prepared, 0));
        else ready.push(prepared);
      }
      if (ready.length > 0) add(total, await write(ready, false));
      return total;
    },
    async complete() {
      if (!written || ctx.dryRun || !spec.key) return;
      const deleted = await deleteMissingKeys(await pool.get(), spec.table, spec.key, written);
      ctx.logger.info("rows absent from this full sync deleted", { target, deleted, kept: written.size });
    },
    async close() {
      await Promise.allSettled([pool.close(), ctx.deadLetter.close()]);
    },
  };
}

function add(total: DeliveryResult, part: DeliveryResult): void {
  total.delivered += part.delivered;
  total.deadLettered += part.deadLettered;
}
