import { durationMs } from "../../artifact/common.js";
import type { InputModule, ModuleContext, SourcePage } from "../../engine/modules.js";
import { CannectorsError, describeError, ErrorCodes, isCannectorsError } from "../../errors/index.js";
import { dialectOf } from "../../sql/dialect.js";
import { lazyPool, type Row } from "../../sql/pool.js";
import { recordValue } from "../../sql/read-values.js";
import type { SqlInput } from "./schema.js";
import { cursorOf, selectOf } from "./select.js";

/**
 * Rows of a query or a table as records, `pageSize` at a time: the engine pulls a page only when
 * it has room, so memory holds one page whatever the result's size. With `incremental`, each page
 * carries the cursor its last row reaches; the engine saves it once the page is delivered.
 */
export function createSqlInput(spec: SqlInput, ctx: ModuleContext): InputModule {
  const dialect = dialectOf(spec.connection);
  const where = spec.table ? `${dialect} table ${spec.table}` : `${dialect} query`;
  return {
    async *pages(savedCursor) {
      const pool = lazyPool(dialect, {
        url: spec.connection,
        max: 1,
        statementTimeoutMs: spec.statementTimeout === undefined ? undefined : durationMs(spec.statementTimeout),
        tls: spec.tls,
      });
      const { sql, values } = selectOf(spec, dialect, savedCursor);
      let number = 0;
      try {
        for await (const rows of (await pool.get()).stream(sql, values, spec.pageSize)) {
          number++;
          const last = rows.at(-1);
          yield {
            number,
            url: where,
            records: rows.map(recordOf),
            ...(spec.incremental && last ? { cursor: cursorOf(spec, last) } : {}),
          } satisfies SourcePage;
        }
      } catch (error) {
        if (isCannectorsError(error)) throw error;
        throw new CannectorsError(
          ErrorCodes.PAGE_INVALID,
          `reading ${where} failed: ${ctx.redactor.redact(describeError(error))}`,
          { details: { page: number + 1 } },
        );
      } finally {
        await pool.close();
      }
    },
  };
}

/**
 * The row as its record, converted in place: the driver made the object for this page alone, and
 * most values (text, small numbers, parsed JSON) are record values already, so no copy is made.
 */
function recordOf(row: Row): Record<string, unknown> {
  for (const name in row) {
    const value = row[name];
    if (value !== null && typeof value !== "string" && typeof value !== "boolean") row[name] = recordValue(value);
  }
  return row;
}
