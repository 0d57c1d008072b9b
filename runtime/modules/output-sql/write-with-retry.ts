import { CannectorsError, describeError, ErrorCodes } from "../../errors/index.js";
import { failpoint } from "../../failpoints/index.js";
import type { ModuleContext } from "../../engine/modules.js";
import { decideRetry, type RetryState } from "../../net/retry-decision.js";
import { isFatalSqlError } from "../../sql/fatal.js";
import type { SqlPool, SqlSession } from "../../sql/pool.js";
import { isTransientSqlError } from "../../sql/transient.js";

export type WriteOutcome =
  | { ok: true; attempts: number }
  /** `rejected`: the database refused the rows (a constraint, a type): a batch may be split to find the row at fault. */
  | { ok: false; reason: string; attempts: number; rejected: boolean };

/**
 * Runs one batch's statements in one transaction until it commits, is refused, or runs out of
 * attempts as the project's one retry policy says (deadlocks, serialization failures, lost
 * connections are transient). Rejects only on cancellation and on failures no retry mends.
 */
export async function writeWithRetry(
  pool: () => Promise<SqlPool>,
  work: (session: SqlSession) => Promise<void>,
  ctx: ModuleContext,
  target: string,
  rows: number,
): Promise<WriteOutcome> {
  const state: RetryState = { sent: 0, refreshed: false };
  for (;;) {
    if (ctx.signal.aborted) throw cancelled(target, ctx.signal.reason);
    state.sent++;
    failpoint("before-send");
    let failure: unknown;
    try {
      await (await pool()).transaction(work);
      failpoint("after-sql-commit");
      return { ok: true, attempts: state.sent };
    } catch (error) {
      failure = error;
    }
    if (ctx.signal.aborted) throw cancelled(target, failure);
    const reason = ctx.redactor.redact(describeError(failure));
    if (isFatalSqlError(failure)) {
      throw new CannectorsError(ErrorCodes.DELIVERY, `writing to ${target} failed: ${reason}`, {
        details: { target },
      });
    }
    if (!isTransientSqlError(failure)) return { ok: false, reason, attempts: state.sent, rejected: true };
    const decision = decideRetry({ kind: "transient", status: null }, state, {
      policy: ctx.retry,
      nowMs: ctx.clock.now(),
      random: ctx.random,
    });
    if (decision.action !== "retry") {
      return {
        ok: false,
        reason: `gave up after ${state.sent} attempts: ${reason}`,
        attempts: state.sent,
        rejected: false,
      };
    }
    ctx.onRetry?.();
    ctx.logger.warn("sql write failed, retrying", {
      target,
      attempt: state.sent,
      reason,
      waitMs: decision.waitMs,
      rows,
    });
    try {
      await ctx.clock.sleep(decision.waitMs, ctx.signal);
    } catch (error) {
      throw cancelled(target, error);
    }
  }
}

function cancelled(target: string, cause: unknown): CannectorsError {
  return new CannectorsError(ErrorCodes.CANCELLED, `sql output cancelled (${target})`, { cause, details: { target } });
}
