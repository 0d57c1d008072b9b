import type { Redactor } from "../secrets/types.js";
import { toLoggable } from "./loggable.js";
import { LOG_LEVELS, type LogFields, type Logger, type LogLevel, type LogSink } from "./types.js";

export interface LoggerOptions {
  /** Entries below this level are dropped before any work is done. Default `info`. */
  level?: LogLevel;
  redactor: Redactor;
  sinks: LogSink[];
  /** Fields added to every entry (a child's fields are merged over them). */
  base?: LogFields;
  /** Milliseconds since the epoch; injectable so tests get stable timestamps. */
  now?: () => number;
}

/**
 * Redaction happens here, once, before fan-out: no sink can forget it, and a sink that throws
 * (a closed database) cannot stop the others or the run.
 */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? "info");
  const now = options.now ?? Date.now;
  const { redactor, sinks } = options;

  const build = (base: LogFields): Logger => {
    const log = (level: LogLevel, message: string, fields?: LogFields): void => {
      if (LOG_LEVELS.indexOf(level) < threshold) return;
      const merged = toLoggable({ ...base, ...fields }) as LogFields;
      const entry = {
        time: new Date(now()).toISOString(),
        level,
        message: redactor.redact(message),
        fields: redactor.redactValue(merged),
      };
      for (const sink of sinks) {
        try {
          sink(entry);
        } catch {
          // A broken sink must not break the run; the other sinks still have the entry.
        }
      }
    };
    return {
      debug: (message, fields) => log("debug", message, fields),
      info: (message, fields) => log("info", message, fields),
      warn: (message, fields) => log("warn", message, fields),
      error: (message, fields) => log("error", message, fields),
      child: (fields) => build({ ...base, ...fields }),
    };
  };
  return build(options.base ?? {});
}

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}
