import type { LogEntry } from "../log/types.js";
import type { DeadLetterTable } from "./dead-letters.js";
import type { LeaseTable } from "./lease.js";
import type { RefreshTokenTable } from "./refresh-tokens.js";
import type { WebhookQueue } from "./webhook-queue.js";

export const EXECUTION_STATUSES = ["running", "succeeded", "partial", "failed", "cancelled"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
export type FinalStatus = Exclude<ExecutionStatus, "running">;

export interface ExecutionCounts {
  read: number;
  filtered: number;
  sent: number;
  failed: number;
}

export interface ExecutionRow {
  id: string;
  connector: string;
  artifactHash: string;
  status: ExecutionStatus;
  dryRun: boolean;
  /** ISO 8601, UTC. */
  startedAt: string;
  endedAt: string | null;
  counts: ExecutionCounts;
  /** Already redacted by the caller: the store never sees the redactor. */
  error: string | null;
  /** Process that ran it, for telling a crashed run from one still going. */
  pid: number | null;
  host: string | null;
}

/** Epoch milliseconds (the engine's Clock), an ISO string or a Date; stored as ISO 8601 UTC. */
export type Timestamp = number | string | Date;

export interface StartExecution {
  connector: string;
  artifactHash: string;
  dryRun: boolean;
  startedAt: Timestamp;
}

export interface FinishExecution {
  status: FinalStatus;
  endedAt: Timestamp;
  counts: ExecutionCounts;
  error?: string | undefined;
}

export interface CursorInfo {
  value: string;
  /** ISO 8601, UTC. */
  updatedAt: string;
  executionId: string | null;
}

/**
 * Run history and incremental cursors, in one of two backends: an SQLite file (the default) or a
 * PostgreSQL database shared by several processes. Every call returns a promise; the SQLite store
 * does its work synchronously (better-sqlite3) and hands back an already settled one.
 */
export interface StateStore {
  /** Where the state lives, for messages: a file path, or a PostgreSQL URL without its password. */
  readonly path: string;
  startExecution(start: StartExecution): Promise<string>;
  updateCounts(id: string, counts: ExecutionCounts): Promise<void>;
  finishExecution(id: string, finish: FinishExecution): Promise<void>;
  /** Log lines of one execution are stored in call order, even when calls are not awaited one by one. */
  appendLog(id: string, entry: LogEntry): Promise<void>;
  getCursor(connector: string): Promise<string | undefined>;
  /**
   * Commits in its own transaction: durable when it resolves. With `leaseToken`, the write happens
   * only while that token holds the connector's lease (else CANNECTORS_E_LEASE_LOST).
   */
  setCursor(connector: string, value: string, executionId: string | null, leaseToken?: string): Promise<void>;
  /** The saved cursor with when and by which execution it was written (null: set by `cannectors cursor set`). */
  getCursorInfo(connector: string): Promise<CursorInfo | undefined>;
  /** Forgets the cursor: the next run reads from the start. Same lease rule as `setCursor`. */
  deleteCursor(connector: string, leaseToken?: string): Promise<void>;
  /** One run per connector: see lease.ts. */
  readonly leases: LeaseTable;
  /** The durable queue of accepted webhook deliveries: see webhook-queue.ts. */
  readonly webhooks: WebhookQueue;
  /** OAuth2 refresh tokens, sealed: see refresh-tokens.ts. */
  readonly refreshTokens: RefreshTokenTable;
  /** Dead letters, when the user keeps them in the state database: see dead-letters.ts. */
  readonly deadLetters: DeadLetterTable;
  /** Newest first. */
  listExecutions(options?: { connector?: string | undefined; limit?: number | undefined }): Promise<ExecutionRow[]>;
  /** By full id or a unique prefix; undefined when nothing matches, an error when the prefix is ambiguous. */
  getExecution(idOrPrefix: string): Promise<ExecutionRow | undefined>;
  getLogs(id: string): Promise<LogEntry[]>;
  /**
   * Fails the executions left `running` by a process of this host that no longer exists; returns their ids.
   * Runs of live processes (a concurrent `serve`, this process) are left alone.
   */
  markInterrupted(now?: Timestamp): Promise<string[]>;
  integrityCheck(): Promise<string>;
  /** Waits for writes still under way (log lines), then lets the database go. */
  close(): Promise<void>;
}

/**
 * The same interface with plain return values: how the SQLite store is written, since
 * better-sqlite3 is synchronous (faults.ts turns it into a StateStore).
 */
export type Synchronous<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R
    : T[K] extends object
      ? Synchronous<T[K]>
      : T[K];
};
