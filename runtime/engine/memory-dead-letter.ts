import type { Logger } from "../log/types.js";
import type { DeadLetterEntry, DeadLetterSink } from "./modules.js";

/** Dry runs write no file: a record that would be dead-lettered is logged instead. */
export function memoryDeadLetter(logger: Logger): DeadLetterSink {
  let count = 0;
  return {
    write(entry: DeadLetterEntry) {
      count++;
      logger.warn("record would go to the dead letter", { seq: entry.seq, status: entry.status, reason: entry.reason });
    },
    get count() {
      return count;
    },
    close: async () => {},
  };
}
