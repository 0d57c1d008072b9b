/**
 * The state database's SQL, exported as constants so a test can drive the same statements from a
 * child process that is killed mid-write.
 */

/** WAL + synchronous=FULL: every commit is fsynced, so a cursor is durable once setCursor returns. */
export const PRAGMAS = ["journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "busy_timeout = 5000"];

/**
 * The log connection skips the per-commit fsync: an fsync per log line costs milliseconds, and a
 * run that dead-letters thousands of records logs thousands of lines. Log lines still survive a
 * process crash (they are in the WAL, in the OS cache), and because the WAL is one append-only
 * file, the next FULL commit on the main connection (a cursor, the run's end) fsyncs them too.
 * Only a power loss can cost the lines written since that commit.
 */
export const LOG_PRAGMAS = ["journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON", "busy_timeout = 5000"];

/**
 * The webhook queue's connection commits without an fsync of its own and then fsyncs the WAL on the
 * thread pool (wal-sync.ts) before any delivery of the group is acknowledged: as durable as FULL,
 * without blocking the event loop for the disk.
 */
export const QUEUE_PRAGMAS = LOG_PRAGMAS;

/**
 * Ordered migrations: MIGRATIONS[i] takes the schema from version i to i+1. Append only; never
 * edit a released step, add a new one.
 */
export const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE executions (
      id TEXT PRIMARY KEY,
      connector TEXT NOT NULL,
      artifact_hash TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running','succeeded','partial','failed','cancelled')),
      dry_run INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
      started_at TEXT NOT NULL,
      ended_at TEXT,
      records_read INTEGER NOT NULL DEFAULT 0,
      records_filtered INTEGER NOT NULL DEFAULT 0,
      records_sent INTEGER NOT NULL DEFAULT 0,
      records_failed INTEGER NOT NULL DEFAULT 0,
      error TEXT,
      pid INTEGER,
      host TEXT
    )`,
    "CREATE INDEX executions_connector_started ON executions (connector, started_at)",
    "CREATE INDEX executions_started ON executions (started_at)",
    "CREATE INDEX executions_status ON executions (status)",
    `CREATE TABLE execution_logs (
      execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      time TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('debug','info','warn','error')),
      message TEXT NOT NULL,
      fields TEXT NOT NULL DEFAULT '{}',
      PRIMARY KEY (execution_id, seq)
    ) WITHOUT ROWID`,
    `CREATE TABLE cursors (
      connector TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      execution_id TEXT
    )`,
  ],
  // One run per connector and state database: see lease.ts.
  [
    `CREATE TABLE leases (
      connector TEXT PRIMARY KEY,
      token TEXT NOT NULL,
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      acquired_at TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    )`,
  ],
  // The durable webhook queue; the UNIQUE constraint is the de-duplication: see webhook-queue.ts.
  [
    `CREATE TABLE webhook_deliveries (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      connector TEXT NOT NULL,
      delivery_id TEXT NOT NULL,
      received_at INTEGER NOT NULL,
      body TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending','done')),
      UNIQUE (connector, delivery_id)
    )`,
    "CREATE INDEX webhook_deliveries_status ON webhook_deliveries (connector, status, seq)",
    "CREATE INDEX webhook_deliveries_received ON webhook_deliveries (connector, received_at)",
  ],
  // A body seen within the window is a duplicate too when the delivery id is not signed
  // (GitHub signs only the body): see runtime/modules/input-webhook/dedupe.ts.
  [
    "ALTER TABLE webhook_deliveries ADD COLUMN body_hash TEXT",
    `CREATE UNIQUE INDEX webhook_deliveries_body_hash ON webhook_deliveries (connector, body_hash)
      WHERE body_hash IS NOT NULL`,
  ],
  // OAuth2 refresh tokens, sealed (AES-256-GCM) before they reach the table: see refresh-tokens.ts.
  [
    `CREATE TABLE oauth_refresh_tokens (
      connector TEXT PRIMARY KEY,
      current TEXT NOT NULL,
      previous TEXT,
      updated_at TEXT NOT NULL
    )`,
  ],
  // Dead letters kept in the state database when the user asks (`--dead-letter state`): see dead-letters.ts.
  [
    `CREATE TABLE dead_letters (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      connector TEXT NOT NULL,
      execution_id TEXT,
      seq INTEGER NOT NULL,
      reason TEXT NOT NULL,
      entry TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
    "CREATE INDEX dead_letters_connector ON dead_letters (connector, id)",
  ],
];

export const SCHEMA_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";

export const SQL = {
  insertExecution: `INSERT INTO executions (id, connector, artifact_hash, status, dry_run, started_at, pid, host)
    VALUES (@id, @connector, @artifactHash, 'running', @dryRun, @startedAt, @pid, @host)`,
  updateCounts: `UPDATE executions SET records_read = @read, records_filtered = @filtered,
    records_sent = @sent, records_failed = @failed WHERE id = @id`,
  finishExecution: `UPDATE executions SET status = @status, ended_at = @endedAt, records_read = @read,
    records_filtered = @filtered, records_sent = @sent, records_failed = @failed, error = @error WHERE id = @id`,
  appendLog: `INSERT INTO execution_logs (execution_id, seq, time, level, message, fields)
    VALUES (@id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM execution_logs WHERE execution_id = @id),
      @time, @level, @message, @fields)`,
  getCursor: "SELECT value FROM cursors WHERE connector = ?",
  getCursorInfo: "SELECT value, updated_at, execution_id FROM cursors WHERE connector = ?",
  deleteCursor: "DELETE FROM cursors WHERE connector = ?",
  setCursor: `INSERT INTO cursors (connector, value, updated_at, execution_id) VALUES (@connector, @value, @updatedAt, @executionId)
    ON CONFLICT (connector) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
      execution_id = excluded.execution_id`,
  listExecutions: `SELECT * FROM executions WHERE (@connector IS NULL OR connector = @connector)
    ORDER BY started_at DESC, id DESC LIMIT @limit`,
  getExecution: "SELECT * FROM executions WHERE id = ?",
  findByPrefix: "SELECT * FROM executions WHERE substr(id, 1, length(@prefix)) = @prefix ORDER BY id LIMIT 2",
  getLogs: "SELECT time, level, message, fields FROM execution_logs WHERE execution_id = ? ORDER BY seq",
  running: "SELECT id, pid, host FROM executions WHERE status = 'running'",
  interrupt: `UPDATE executions SET status = 'failed', ended_at = @endedAt, error = @error
    WHERE id = @id AND status = 'running'`,
} as const;

export const INTERRUPTED_ERROR = "interrupted (process ended without finishing)";
