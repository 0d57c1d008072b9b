import { rowProblems } from "../../contract/sql-table.js";
import { tableColumns } from "../../contract/sql-table.js";
import type { ContractProblem } from "../../contract/violation.js";
import type { ModuleContext } from "../../engine/modules.js";
import { describeError } from "../../errors/index.js";
import type { Dialect } from "../../sql/dialect.js";
import type { SqlPool } from "../../sql/pool.js";

export type RowCheck = (fields: Record<string, unknown>, written: readonly string[]) => ContractProblem[];

/**
 * The check of a row against the table's columns, read once on first use. A database that cannot
 * be reached, or a table that does not exist yet, leaves rows unchecked, said once in the log: the
 * dry run still plans every statement.
 */
export function tableCheck(
  pool: () => Promise<SqlPool>,
  dialect: Dialect,
  table: string,
  ctx: Pick<ModuleContext, "logger" | "redactor">,
): () => Promise<RowCheck | undefined> {
  let loaded: Promise<RowCheck | undefined> | undefined;
  const load = async (): Promise<RowCheck | undefined> => {
    try {
      const columns = await (await pool()).session((session) => tableColumns(session, dialect, table));
      if (columns.length > 0) return (fields, written) => rowProblems(table, columns, fields, written);
      ctx.logger.warn("rows not checked: the table does not exist", { table });
    } catch (error) {
      ctx.logger.warn("rows not checked: the database is not reachable", {
        table,
        error: ctx.redactor.redact(describeError(error)),
      });
    }
    return undefined;
  };
  return () => {
    loaded ??= load();
    return loaded;
  };
}
