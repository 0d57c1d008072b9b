export type LogLevel = "debug" | "info" | "warn" | "error";

export type LogFields = Record<string, unknown>;

/** Structured logger. Every sink behind it (stderr, the execution history) receives redacted text only. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** One log line as every sink sees it: already redacted, fields JSON-safe. */
export interface LogEntry {
  /** ISO 8601, UTC. */
  time: string;
  level: LogLevel;
  message: string;
  fields: LogFields;
}

export type LogSink = (entry: LogEntry) => void;

export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];
