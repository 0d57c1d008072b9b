export { formatJson, formatPretty } from "./format.js";
export { historySink, type LogHistory } from "./history-sink.js";
export { toLoggable } from "./loggable.js";
export { createLogger, isLogLevel, type LoggerOptions } from "./logger.js";
export { type StderrSinkOptions, stderrSink } from "./stderr-sink.js";
export { LOG_LEVELS, type LogEntry, type LogFields, type Logger, type LogLevel, type LogSink } from "./types.js";
