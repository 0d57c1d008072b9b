import type { LogEntry, LogSink } from "./types.js";

/** What the history sink needs of the state store; structural so the logger does not depend on SQLite. */
export interface LogHistory {
  appendLog(executionId: string, entry: LogEntry): void;
}

/** Writes every entry to the execution's log in the state store, where `cannectors executions logs` reads it. */
export function historySink(store: LogHistory, executionId: string): LogSink {
  return (entry) => store.appendLog(executionId, entry);
}
