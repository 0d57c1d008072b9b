import type { LogEntry } from "../log/types.js";
import type { LeaseTable } from "./lease.js";
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

/** Run history and incremental cursors. Synchronous, like better-sqlite3 beneath it. */
export interface StateStore {
  readonly path: string;
  startExecution(start: StartExecution): string;
  updateCounts(id: string, counts: ExecutionCounts): void;
  finishExecution(id: string, finish: FinishExecution): void;
  appendLog(id: string, entry: LogEntry): void;
  getCursor(connector: string): string | undefined;
  /**
   * Commits in its own transaction: durable when it returns. With `leaseToken`, the write happens
   * only while that token holds the connector's lease (else CANNECTORS_E_LEASE_LOST).
   */
  setCursor(connector: string, value: string, executionId: string | null, leaseToken?: string): void;
  /** The saved cursor with when and by which execution it was written (null: set by `cannectors cursor set`). */
  getCursorInfo(connector: string): CursorInfo | undefined;
  /** Forgets the cursor: the next run reads from the start. Same lease rule as `setCursor`. */
  deleteCursor(connector: string, leaseToken?: string): void;
  /** One run per connector: see lease.ts. */
  readonly leases: LeaseTable;
  /** The durable queue of accepted webhook deliveries: see webhook-queue.ts. */
  readonly webhooks: WebhookQueue;
  /** Newest first. */
  listExecutions(options?: { connector?: string | undefined; limit?: number | undefined }): ExecutionRow[];
  /** By full id or a unique prefix; undefined when nothing matches, an error when the prefix is ambiguous. */
  getExecution(idOrPrefix: string): ExecutionRow | undefined;
  getLogs(id: string): LogEntry[];
  /**
   * Fails the executions left `running` by a process of this host that no longer exists; returns their ids.
   * Runs of live processes (a concurrent `serve`, this process) are left alone.
   */
  markInterrupted(now?: Timestamp): string[];
  integrityCheck(): string;
  close(): void;
}
