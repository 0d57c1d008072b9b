import type { LogEntry, LogFields, LogLevel } from "../log/types.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import type { ExecutionCounts, ExecutionRow, ExecutionStatus, Timestamp } from "./types.js";

/** An `executions` row as the database returns it (SQLite stores dry_run as 0/1, PostgreSQL as a boolean). */
export interface ExecutionRecord {
  id: string;
  connector: string;
  artifact_hash: string;
  status: string;
  dry_run: number | boolean;
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
    dryRun: record.dry_run === 1 || record.dry_run === true,
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

/** Timestamps are stored as ISO 8601 UTC text in both backends (they sort as they compare). */
export function iso(time: Timestamp): string {
  const date = time instanceof Date ? time : new Date(time);
  if (Number.isNaN(date.getTime())) {
    throw new CannectorsError(ErrorCodes.STATE, `invalid timestamp ${String(time)} for the state database`);
  }
  return date.toISOString();
}

/** The one execution an id prefix names (at most two candidates are fetched); an error when it is ambiguous. */
export function onlyMatch(prefix: string, matches: ExecutionRecord[]): ExecutionRow | undefined {
  if (matches.length > 1) {
    throw new CannectorsError(
      ErrorCodes.NOT_FOUND,
      `execution id prefix ${prefix} is ambiguous; give more characters`,
      {
        details: { prefix, ambiguous: true },
      },
    );
  }
  const only = matches[0];
  return only === undefined ? undefined : toExecutionRow(only);
}

/** An update that matched no execution row: the caller's id is wrong (or the row was deleted). */
export function expectOneExecution(changes: number, id: string, action: string, where: string): void {
  if (changes !== 1) {
    throw new CannectorsError(ErrorCodes.STATE, `cannot ${action} execution ${id}: no such execution in ${where}`, {
      details: { executionId: id },
    });
  }
}

/** The refusal of a cursor write by a run whose lease another run has taken over. */
export function cursorLeaseLost(connector: string): CannectorsError {
  return new CannectorsError(
    ErrorCodes.LEASE_LOST,
    `cursor of ${connector} not saved: the lease on the connector is held by another run`,
    { details: { connector } },
  );
}

/** The columns only: callers may pass richer counts (a run's retries), which the databases would refuse. */
export function countParams({ read, filtered, sent, failed }: ExecutionCounts): ExecutionCounts {
  return { read, filtered, sent, failed };
}
