import type { LogEntry, LogSink } from "./types.js";

/** What the history sink needs of the state store; structural so the logger does not depend on the state. */
export interface LogHistory {
  /** Keeps the lines of one execution in call order (the store's promise, not this sink, orders them). */
  appendLog(executionId: string, entry: LogEntry): Promise<void>;
}

/**
 * Writes every entry to the execution's log in the state store, where `cannectors executions logs`
 * reads it. A line that cannot be stored is dropped, as a sink that throws is: the run goes on and
 * its other sinks (stderr) still have the line; the store's close waits for lines still being written.
 */
export function historySink(store: LogHistory, executionId: string): LogSink {
  return (entry) => {
    store.appendLog(executionId, entry).catch(() => undefined);
  };
}
