import type Pg from "pg";
import type { LogEntry } from "../../log/types.js";
import { newExecutionId } from "../ids.js";
import type { LeaseTable } from "../lease.js";
import { ownerGone, thisHost } from "../owner.js";
import {
  countParams,
  cursorLeaseLost,
  type ExecutionRecord,
  expectOneExecution,
  iso,
  type LogRecord,
  onlyMatch,
  toExecutionRow,
  toLogEntry,
} from "../rows.js";
import { INTERRUPTED_ERROR } from "../schema.js";
import type {
  CursorInfo,
  ExecutionCounts,
  ExecutionRow,
  FinishExecution,
  StartExecution,
  StateStore,
  Timestamp,
} from "../types.js";
import type { WebhookQueue } from "../webhook-queue.js";
import { toPostgresStateError, withPostgresErrors } from "./faults.js";
import { createPostgresLeaseTable } from "./leases.js";
import { migratePostgres } from "./migrate.js";
import { parsePostgresUrl } from "./url.js";
import { createPostgresWebhookQueue } from "./webhook-queue.js";
import { createPostgresRefreshTokenTable } from "./refresh-tokens.js";
import { createPostgresDeadLetterTable } from "./dead-letters.js";
import type { DeadLetterTable } from "../dead-letters.js";
import type { RefreshTokenTable } from "../refresh-tokens.js";
import { loadPg } from "../../sql/pg-driver.js";

const pg = loadPg();

const INT8_OID = 20;
/** Counts, epoch milliseconds and queue seqs are BIGINT; they stay far below 2^53, so numbers. */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof Pg.types.getTypeParser,
};

/**
 * Opens (creating the schema if needed) the state in the PostgreSQL database `url` names. Every
 * failure, now or later, is a one-line CANNECTORS_E_STATE error naming the database without its
 * password (see faults.ts).
 */
export async function openPostgresState(url: string): Promise<StateStore> {
  const location = parsePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: location.connectionString,
    ...(location.schema === undefined ? {} : { options: `-c search_path=${location.schema}` }),
    types,
    max: 10,
    // The analogue of SQLite's 5 s busy timeout: a database that does not answer is a fault, not a hang.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 10_000,
    application_name: "cannectors",
  });
  // An idle connection the server drops is replaced on the next query; it must not crash the process.
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, location.schema, location.label);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toPostgresStateError(error, location.label);
  }
  return withPostgresErrors<StateStore>(new PostgresStateStore(pool, location.label), location.label);
}

class PostgresStateStore implements StateStore {
  readonly leases: LeaseTable;
  readonly webhooks: WebhookQueue;
  readonly refreshTokens: RefreshTokenTable;
  readonly deadLetters: DeadLetterTable;
  /** Log lines are written one after another, so each gets the next seq in call order. */
  private logWrites: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly pool: Pg.Pool,
    readonly path: string,
  ) {
    this.leases = createPostgresLeaseTable(pool);
    this.webhooks = createPostgresWebhookQueue(pool);
    this.refreshTokens = createPostgresRefreshTokenTable(pool);
    this.deadLetters = createPostgresDeadLetterTable(pool);
  }

  async startExecution(start: StartExecution): Promise<string> {
    const id = newExecutionId();
    await this.pool.query(
      `INSERT INTO executions (id, connector, artifact_hash, status, dry_run, started_at, pid, host)
       VALUES ($1, $2, $3, 'running', $4, $5, $6, $7)`,
      [id, start.connector, start.artifactHash, start.dryRun, iso(start.startedAt), process.pid, thisHost],
    );
    return id;
  }

  async updateCounts(id: string, counts: ExecutionCounts): Promise<void> {
    const { read, filtered, sent, failed } = countParams(counts);
    const result = await this.pool.query(
      `UPDATE executions SET records_read = $2, records_filtered = $3, records_sent = $4, records_failed = $5
       WHERE id = $1`,
      [id, read, filtered, sent, failed],
    );
    expectOneExecution(result.rowCount ?? 0, id, "update counts of", this.path);
  }

  async finishExecution(id: string, finish: FinishExecution): Promise<void> {
    const { read, filtered, sent, failed } = countParams(finish.counts);
    const result = await this.pool.query(
      `UPDATE executions SET status = $2, ended_at = $3, records_read = $4, records_filtered = $5,
         records_sent = $6, records_failed = $7, error = $8 WHERE id = $1`,
      [id, finish.status, iso(finish.endedAt), read, filtered, sent, failed, finish.error ?? null],
    );
    expectOneExecution(result.rowCount ?? 0, id, "finish", this.path);
  }

  appendLog(id: string, entry: LogEntry): Promise<void> {
    const write = this.logWrites.then(() =>
      this.pool.query(
        `INSERT INTO execution_logs (execution_id, seq, time, level, message, fields)
         VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM execution_logs WHERE execution_id = $1), $2, $3, $4, $5)`,
        [id, entry.time, entry.level, entry.message, JSON.stringify(entry.fields)],
      ),
    );
    this.logWrites = write.catch(() => undefined);
    return write.then(() => undefined);
  }

  async getCursor(connector: string): Promise<string | undefined> {
    return (await this.getCursorInfo(connector))?.value;
  }

  async setCursor(connector: string, value: string, executionId: string | null, leaseToken?: string): Promise<void> {
    await this.underLease(connector, leaseToken, (client) =>
      client.query(
        `INSERT INTO cursors (connector, value, updated_at, execution_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (connector) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
           execution_id = excluded.execution_id`,
        [connector, value, iso(Date.now()), executionId],
      ),
    );
  }

  async getCursorInfo(connector: string): Promise<CursorInfo | undefined> {
    const found = await this.pool.query<{ value: string; updated_at: string; execution_id: string | null }>(
      "SELECT value, updated_at, execution_id FROM cursors WHERE connector = $1",
      [connector],
    );
    const row = found.rows[0];
    return row && { value: row.value, updatedAt: row.updated_at, executionId: row.execution_id };
  }

  async deleteCursor(connector: string, leaseToken?: string): Promise<void> {
    await this.underLease(connector, leaseToken, (client) =>
      client.query("DELETE FROM cursors WHERE connector = $1", [connector]),
    );
  }

  /**
   * One transaction that writes only while `leaseToken` (when given) holds the connector's lease:
   * the lease row is read FOR SHARE, so a takeover (an UPDATE of that row) waits for this commit
   * and a run that lost its lease cannot interleave a cursor.
   */
  private async underLease(
    connector: string,
    leaseToken: string | undefined,
    write: (client: Pg.PoolClient) => Promise<unknown>,
  ): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      try {
        if (leaseToken !== undefined) {
          const held = await client.query("SELECT 1 FROM leases WHERE connector = $1 AND token = $2 FOR SHARE", [
            connector,
            leaseToken,
          ]);
          if (held.rowCount !== 1) throw cursorLeaseLost(connector);
        }
        await write(client);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    } finally {
      client.release();
    }
  }

  async listExecutions(
    options: { connector?: string | undefined; limit?: number | undefined } = {},
  ): Promise<ExecutionRow[]> {
    const limit = options.limit === undefined ? null : Math.max(0, Math.floor(options.limit));
    const found = await this.pool.query<ExecutionRecord>(
      `SELECT * FROM executions WHERE ($1::text IS NULL OR connector = $1)
       ORDER BY started_at DESC, id DESC LIMIT $2`,
      [options.connector ?? null, limit],
    );
    return found.rows.map(toExecutionRow);
  }

  async getExecution(idOrPrefix: string): Promise<ExecutionRow | undefined> {
    const exact = await this.pool.query<ExecutionRecord>("SELECT * FROM executions WHERE id = $1", [idOrPrefix]);
    const row = exact.rows[0];
    if (row !== undefined) return toExecutionRow(row);
    if (idOrPrefix === "") return undefined;
    const matches = await this.pool.query<ExecutionRecord>(
      "SELECT * FROM executions WHERE left(id, length($1)) = $1 ORDER BY id LIMIT 2",
      [idOrPrefix],
    );
    return onlyMatch(idOrPrefix, matches.rows);
  }

  async getLogs(id: string): Promise<LogEntry[]> {
    const found = await this.pool.query<LogRecord>(
      "SELECT time, level, message, fields FROM execution_logs WHERE execution_id = $1 ORDER BY seq",
      [id],
    );
    return found.rows.map(toLogEntry);
  }

  async markInterrupted(now: Timestamp = Date.now()): Promise<string[]> {
    const running = await this.pool.query<{ id: string; pid: number | null; host: string | null }>(
      "SELECT id, pid, host FROM executions WHERE status = 'running'",
    );
    const marked: string[] = [];
    for (const row of running.rows) {
      if (!ownerGone(row.pid, row.host)) continue;
      const result = await this.pool.query(
        "UPDATE executions SET status = 'failed', ended_at = $2, error = $3 WHERE id = $1 AND status = 'running'",
        [row.id, iso(now), INTERRUPTED_ERROR],
      );
      if (result.rowCount === 1) marked.push(row.id);
    }
    return marked;
  }

  /** PostgreSQL checks its own pages; this says the database answers and the schema is in place. */
  async integrityCheck(): Promise<string> {
    await this.pool.query("SELECT version FROM schema_version");
    return "ok";
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.logWrites;
    await this.pool.end();
  }
}
