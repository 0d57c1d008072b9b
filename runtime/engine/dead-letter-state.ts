import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { stringifyJson } from "../json/index.js";
import type { Redactor } from "../secrets/types.js";
import { maskDeadLetter } from "./dead-letter-mask.js";
import type { DeadLetterTable } from "../state/dead-letters.js";
import type { DeadLetterSink } from "./modules.js";

/**
 * Dead letters as rows of the state database's dead_letters table (`--dead-letter state`), the
 * entry the same as a dead-letter file's line, masked the same way. The table's writes are
 * asynchronous (PostgreSQL): `durable()` hands the engine what is still being written, and the
 * engine waits for it before the records count as settled (cursor, webhook delivery done), which is
 * the file's guarantee. A failed write fails the run through that promise.
 */
export function createStateDeadLetter(
  table: DeadLetterTable,
  executionId: string,
  redactor: Redactor,
  now: () => number,
): DeadLetterSink {
  let pending: Promise<unknown> | undefined;
  let count = 0;
  let closed = false;

  return {
    write(entry) {
      if (closed) {
        throw new CannectorsError(ErrorCodes.DELIVERY, "the dead letter of this run is closed", {
          details: { seq: entry.seq },
        });
      }
      const masked = maskDeadLetter(entry, redactor);
      const added = table.add({
        connector: entry.connector,
        executionId,
        seq: entry.seq,
        reason: masked.reason,
        entry: stringifyJson(masked),
        createdAt: new Date(now()).toISOString(),
      });
      // Every write since the last durable point, rejected as soon as one of them fails.
      const written: Promise<unknown> = pending === undefined ? added : Promise.all([pending, added]);
      pending = written;
      written.then(
        () => {
          if (pending === written) pending = undefined;
        },
        () => undefined,
      );
      count++;
    },
    durable: () => pending,
    get count() {
      return count;
    },
    async close() {
      closed = true;
      await pending;
    },
  };
}
