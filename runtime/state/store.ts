import Database from "better-sqlite3";
import type { LogEntry } from "../log/types.js";
import { newExecutionId } from "./ids.js";
import { createLeaseTable, type LeaseTable } from "./lease.js";
import { ownerGone, thisHost } from "./owner.js";
import { createRefreshTokenTable, type RefreshTokenTable } from "./refresh-tokens.js";
import { createDeadLetterTable, type DeadLetterTable } from "./dead-letters.js";
import { walSync, type WalSync } from "./wal-sync.js";
import { createWebhookQueue, type SqliteWebhookQueue } from "./webhook-queue.js";
import { stateFaultError, stateFaultOf } from "./faults.js";
import { migrate } from "./migrate.js";
import { openStateFile } from "./open-file.js";
import {
  cursorLeaseLost,
  type ExecutionRecord,
  countParams,
  expectOneExecution,
  iso,
  type LogRecord,
  onlyMatch,
  toExecutionRow,
  toLogEntry,
} from "./rows.js";
import { INTERRUPTED_ERROR, LOG_PRAGMAS, MIGRATIONS, PRAGMAS, QUEUE_PRAGMAS, SQL } from "./schema.js";
import { toStateError, withStateErrors } from "./sqlite-faults.js";
import type {
  CursorInfo,
  ExecutionCounts,
  ExecutionRow,
  FinishExecution,
  StartExecution,
  StateStore,
  Synchronous,
  Timestamp,
} from "./types.js";

export interface OpenStateOptions {
  /**
   * `read`: the caller only reads (history commands): a file this process may not write is opened
   * read-only instead of refused (it must then already be at the current schema version).
   */
  access?: "read-write" | "read";
}

/**
 * Opens (creating if needed) the state database at `file`; `:memory:` gives a throwaway store.
 * Every failure, now or in any later call, is a one-line CANNECTORS_E_STATE error naming the file
 * and what to do (see faults.ts); an existing file without the schema is refused (open-file.ts).
 */
export function openStateStore(file: string, options: OpenStateOptions = {}): StateStore {
  if (file === ":memory:") return prepareStore(new Database(file), undefined, file);
  let db: Database.Database;
  try {
    db = openStateFile(file, "read-write");
  } catch (error) {
    if (options.access !== "read" || stateFaultOf(error) !== "read-only") throw error;
    return prepareStore(openStateFile(file, "read-only"), undefined, file, "read-only");
  }
  return prepareStore(db, () => new Database(file, { fileMustExist: true }), file);
}

function prepareStore(
  db: Database.Database,
  openConnection: (() => Database.Database) | undefined,
  file: string,
  mode: "read-write" | "read-only" = "read-write",
): StateStore {
  let logDb: Database.Database = db;
  let queue: QueueConnection = { db };
  try {
    if (mode === "read-write") {
      for (const pragma of PRAGMAS) db.pragma(pragma);
      migrate(db);
    } else {
      db.pragma("busy_timeout = 5000");
      assertCurrentSchema(db, file);
    }
    // A second connection for log lines (a `:memory:` one would be another database).
    if (openConnection) {
      logDb = openConnection();
      for (const pragma of LOG_PRAGMAS) logDb.pragma(pragma);
      // The webhook queue's writes: committed without waiting for the disk, then fsynced off the event loop.
      queue = { db: openConnection(), wal: walSync(file) };
      for (const pragma of QUEUE_PRAGMAS) queue.db.pragma(pragma);
    }
    const store: SqliteStore = new SqliteStateStore(db, logDb, queue, file);
    // The proxy passes a promise through as it is (the group-committed enqueue) and settles the rest.
    return withStateErrors<StateStore>(store as unknown as Synchronous<StateStore>, file);
  } catch (error) {
    if (queue.db !== db && queue.db.open) queue.db.close();
    void queue.wal?.close();
    if (logDb !== db && logDb.open) logDb.close();
    db.close();
    throw toStateError(error, file);
  }
}

/** Read-only, nothing can be migrated: the file must already be at this cannectors' schema version. */
function assertCurrentSchema(db: Database.Database, file: string): void {
  const version = db.prepare<[], number>("SELECT version FROM schema_version").pluck().get() ?? 0;
  if (version > MIGRATIONS.length) throw stateFaultError("newer-schema", file, { details: { version } });
  if (version < MIGRATIONS.length) throw stateFaultError("read-only", file, { details: { version, upgrade: true } });
}

/** Synchronous (better-sqlite3) but for the webhook queue's group-committed writes and closing. */
type SqliteStore = Omit<Synchronous<StateStore>, "webhooks" | "close"> & {
  readonly webhooks: SqliteWebhookQueue;
  close(): Promise<void>;
};

/** The connection the webhook queue writes through, and what makes its commits durable (none: FULL or memory). */
interface QueueConnection {
  db: Database.Database;
  wal?: WalSync;
}

class SqliteStateStore implements SqliteStore {
  private readonly statements;
  readonly leases: Synchronous<LeaseTable>;
  readonly webhooks: SqliteWebhookQueue;
  readonly refreshTokens: Synchronous<RefreshTokenTable>;
  readonly deadLetters: Synchronous<DeadLetterTable>;

  constructor(
    private readonly db: Database.Database,
    private readonly logDb: Database.Database,
    private readonly queue: QueueConnection,
    readonly path: string,
  ) {
    // Prepared once: better-sqlite3 statements are reusable and preparing is the costly part.
    this.statements = {
      insertExecution: db.prepare(SQL.insertExecution),
      updateCounts: db.prepare(SQL.updateCounts),
      finishExecution: db.prepare(SQL.finishExecution),
      appendLog: logDb.prepare(SQL.appendLog),
      getCursor: db.prepare<[string], { value: string }>(SQL.getCursor),
      setCursor: db.prepare(SQL.setCursor),
      getCursorInfo: db.prepare<[string], { value: string; updated_at: string; execution_id: string | null }>(
        SQL.getCursorInfo,
      ),
      deleteCursor: db.prepare<[string]>(SQL.deleteCursor),
      listExecutions: db.prepare<[{ connector: string | null; limit: number }], ExecutionRecord>(SQL.listExecutions),
      getExecution: db.prepare<[string], ExecutionRecord>(SQL.getExecution),
      findByPrefix: db.prepare<[{ prefix: string }], ExecutionRecord>(SQL.findByPrefix),
      getLogs: db.prepare<[string], LogRecord>(SQL.getLogs),
      running: db.prepare<[], { id: string; pid: number | null; host: string | null }>(SQL.running),
      interrupt: db.prepare(SQL.interrupt),
    };
    this.leases = createLeaseTable(db);
    this.webhooks = createWebhookQueue(db, queue.db, queue.wal?.sync);
    this.refreshTokens = createRefreshTokenTable(db);
    this.deadLetters = createDeadLetterTable(db);
  }

  startExecution(start: StartExecution): string {
    const id = newExecutionId();
    this.statements.insertExecution.run({
      id,
      connector: start.connector,
      artifactHash: start.artifactHash,
      dryRun: start.dryRun ? 1 : 0,
      startedAt: iso(start.startedAt),
      pid: process.pid,
      host: thisHost,
    });
    return id;
  }

  updateCounts(id: string, counts: ExecutionCounts): void {
    expectOneExecution(
      this.statements.updateCounts.run({ id, ...countParams(counts) }).changes,
      id,
      "update counts of",
      this.path,
    );
  }

  finishExecution(id: string, finish: FinishExecution): void {
    const result = this.statements.finishExecution.run({
      id,
      status: finish.status,
      endedAt: iso(finish.endedAt),
      ...countParams(finish.counts),
      error: finish.error ?? null,
    });
    expectOneExecution(result.changes, id, "finish", this.path);
  }

  appendLog(id: string, entry: LogEntry): void {
    this.statements.appendLog.run({
      id,
      time: entry.time,
      level: entry.level,
      message: entry.message,
      fields: JSON.stringify(entry.fields),
    });
  }

  getCursor(connector: string): string | undefined {
    return this.statements.getCursor.get(connector)?.value;
  }

  setCursor(connector: string, value: string, executionId: string | null, leaseToken?: string): void {
    this.underLease(connector, leaseToken, () =>
      this.statements.setCursor.run({ connector, value, updatedAt: iso(Date.now()), executionId }),
    );
  }

  getCursorInfo(connector: string): CursorInfo | undefined {
    const row = this.statements.getCursorInfo.get(connector);
    return row && { value: row.value, updatedAt: row.updated_at, executionId: row.execution_id };
  }

  deleteCursor(connector: string, leaseToken?: string): void {
    this.underLease(connector, leaseToken, () => this.statements.deleteCursor.run(connector));
  }

  /** One write transaction that happens only while `leaseToken` (when given) holds the connector's lease. */
  private underLease(connector: string, leaseToken: string | undefined, write: () => unknown): void {
    const run = () => {
      // Checked inside the write transaction, so a run that lost its lease cannot interleave a cursor.
      if (leaseToken !== undefined && !this.leases.holds(connector, leaseToken)) {
        throw cursorLeaseLost(connector);
      }
      write();
    };
    this.db.transaction(run).immediate();
  }

  listExecutions(options: { connector?: string | undefined; limit?: number | undefined } = {}): ExecutionRow[] {
    const limit = options.limit === undefined ? -1 : Math.max(0, Math.floor(options.limit));
    return this.statements.listExecutions.all({ connector: options.connector ?? null, limit }).map(toExecutionRow);
  }

  getExecution(idOrPrefix: string): ExecutionRow | undefined {
    const exact = this.statements.getExecution.get(idOrPrefix);
    if (exact !== undefined) return toExecutionRow(exact);
    if (idOrPrefix === "") return undefined;
    return onlyMatch(idOrPrefix, this.statements.findByPrefix.all({ prefix: idOrPrefix }));
  }

  getLogs(id: string): LogEntry[] {
    return this.statements.getLogs.all(id).map(toLogEntry);
  }

  markInterrupted(now: Timestamp = Date.now()): string[] {
    const marked: string[] = [];
    this.db
      .transaction(() => {
        for (const row of this.statements.running.all()) {
          if (!ownerGone(row.pid, row.host)) continue;
          if (this.statements.interrupt.run({ id: row.id, endedAt: iso(now), error: INTERRUPTED_ERROR }).changes > 0) {
            marked.push(row.id);
          }
        }
      })
      .immediate();
    return marked;
  }

  integrityCheck(): string {
    const rows = this.db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join("\n");
  }

  async close(): Promise<void> {
    // Deliveries waiting for their group commit are written, not dropped (their senders get a 2xx).
    if (this.db.open) await this.webhooks.drain();
    await this.queue.wal?.close();
    if (this.queue.db.open) this.queue.db.close();
    if (this.logDb.open) this.logDb.close();
    if (this.db.open) this.db.close();
  }
}
