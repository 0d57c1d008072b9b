import { isCannectorsError } from "../errors/index.js";
import { reportingFaults, type StateFault, stateFaultError } from "./faults.js";
import type { Synchronous } from "./types.js";

/** SQLite's primary result codes (extended ones share the prefix) and the OS errors met when opening a file. */
const FAULTS: [prefix: string, fault: StateFault][] = [
  ["SQLITE_NOTADB", "not-a-database"],
  ["SQLITE_CORRUPT", "corrupt"],
  ["SQLITE_READONLY", "read-only"],
  ["SQLITE_PERM", "read-only"],
  ["SQLITE_BUSY", "locked"],
  ["SQLITE_LOCKED", "locked"],
  ["SQLITE_FULL", "disk-full"],
  ["SQLITE_IOERR", "io"],
  ["SQLITE_CANTOPEN", "unavailable"],
  ["EACCES", "read-only"],
  ["EPERM", "read-only"],
  ["EROFS", "read-only"],
  ["ENOSPC", "disk-full"],
  ["EIO", "io"],
  ["ENOTDIR", "unavailable"],
  ["EISDIR", "unavailable"],
  ["ENOENT", "unavailable"],
];

export function faultOfSqliteError(error: unknown): StateFault | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  return FAULTS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`))?.[1];
}

/**
 * A failure of the SQLite state database, as the one-line CANNECTORS_E_STATE error the CLI
 * reports. Our own errors (a lost lease, a newer schema) and errors that are not the database's
 * (a bug) pass through unchanged.
 */
export function toStateError(error: unknown, where: string): unknown {
  if (isCannectorsError(error)) return error;
  const fault = faultOfSqliteError(error);
  return fault === undefined ? error : stateFaultError(fault, where, { cause: error });
}

/** The SQLite store as a StateStore: settled promises, SQLite failures as state faults (see `reportingFaults`). */
export function withStateErrors<T extends object>(target: Synchronous<T>, where: string): T {
  return reportingFaults(target, (error) => toStateError(error, where));
}
