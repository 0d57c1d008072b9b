import type { LogFields, Logger } from "../log/types.js";

/** The per-record warnings that repeat once per record when a whole run fails the same way. */
const PER_RECORD = new Set(["record failed in filters", "record dead-lettered", "record would go to the dead letter"]);

/** Past this many distinct failures, further ones are logged as they come (memory stays bounded). */
const MAX_GROUPS = 100;

interface Group {
  message: string;
  fields: LogFields;
  count: number;
}

export interface GroupingLogger extends Logger {
  /** Logs one warning per distinct failure: its count and the first record's fields (seq, page). */
  flush(): void;
}

/**
 * A logger that folds identical per-record failures — same message, same error or reason, same
 * status — into one line at the end of the run, with the count and the first record's position:
 * a typo such as `record.stauts` gives one line, not one per record. Each occurrence still goes
 * out at debug level, with its own position, for whoever needs them all.
 */
export function groupingRecordFailures(logger: Logger): GroupingLogger {
  const groups = new Map<string, Group>();
  const warn = (message: string, fields: LogFields = {}) => {
    if (!PER_RECORD.has(message)) return logger.warn(message, fields);
    const key = JSON.stringify([message, sameError(fields.error), sameError(fields.reason), fields.status]);
    const group = groups.get(key);
    if (group) {
      group.count++;
      logger.debug(message, fields);
    } else if (groups.size < MAX_GROUPS) {
      groups.set(key, { message, fields, count: 1 });
      logger.debug(message, fields);
    } else logger.warn(message, fields);
  };
  return {
    debug: (message, fields) => logger.debug(message, fields),
    info: (message, fields) => logger.info(message, fields),
    warn,
    error: (message, fields) => logger.error(message, fields),
    child: (fields) => logger.child(fields),
    flush() {
      for (const { message, fields, count } of groups.values()) {
        const { seq, ...rest } = fields;
        logger.warn(count === 1 ? message : `${message} (${count} records, same error)`, {
          ...(count === 1 ? { seq } : { count, firstSeq: seq }),
          ...rest,
        });
      }
      groups.clear();
    },
  };
}

/** An error with its record's own position taken out: `record #12: ...` and `record #13: ...` are the same error. */
function sameError(text: unknown): unknown {
  return typeof text === "string" ? text.replace(/record #\d+/g, "record #") : text;
}
