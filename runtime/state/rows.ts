import type { LogEntry, LogFields, LogLevel } from "../log/types.js";
import type { ExecutionRow, ExecutionStatus } from "./types.js";

/** An `executions` row as SQLite returns it. */
export interface ExecutionRecord {
  id: string;
  connector: string;
  artifact_hash: string;
  status: string;
  dry_run: number;
  started_at: string;
  ended_at: string | null;
  records_read: number;
  records_filtered: number;
  records_sent: number;
  records_failed: number;
  error: string | null;
  pid: number | null;
  host: string | null;
}

export interface LogRecord {
  time: string;
  level: string;
  message: string;
  fields: string;
}

export function toExecutionRow(record: ExecutionRecord): ExecutionRow {
  return {
    id: record.id,
    connector: record.connector,
    artifactHash: record.artifact_hash,
    // The CHECK constraint guarantees the set.
    status: record.status as ExecutionStatus,
    dryRun: record.dry_run === 1,
    startedAt: record.started_at,
    endedAt: record.ended_at,
    counts: {
      read: record.records_read,
      filtered: record.records_filtered,
      sent: record.records_sent,
      failed: record.records_failed,
    },
    error: record.error,
    pid: record.pid,
    host: record.host,
  };
}

export function toLogEntry(record: LogRecord): LogEntry {
  return {
    time: record.time,
    level: record.level as LogLevel,
    message: record.message,
    fields: parseFields(record.fields),
  };
}

function parseFields(text: string): LogFields {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as LogFields) : {};
  } catch {
    return { unreadableFields: text };
  }
}
