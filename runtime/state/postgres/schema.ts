/**
 * The PostgreSQL dialect of the state schema: the same tables, columns and constraints as
 * ../schema.ts, step for step, so both backends are at the same version number for the same
 * cannectors. Append only, in step with MIGRATIONS there (schema.test.ts checks the count).
 * Differences are the dialect's: BOOLEAN for dry_run, BIGINT for counts and epoch milliseconds,
 * BIGSERIAL for the queue's seq; timestamps stay ISO 8601 text, as in SQLite.
 */
export const PG_MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE executions (
      id TEXT PRIMARY KEY,
      connector TEXT NOT NULL,
      artifact_hash TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running','succeeded','partial','failed','cancelled')),
      dry_run BOOLEAN NOT NULL,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      records_read BIGINT NOT NULL DEFAULT 0,
      records_filtered BIGINT NOT NULL DEFAULT 0,
      records_sent BIGINT NOT NULL DEFAULT 0,
      records_failed BIGINT NOT NULL DEFAULT 0,
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
    )`,
    `CREATE TABLE cursors (
      connector TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      execution_id TEXT
    )`,
  ],
  [
    `CREATE TABLE leases (
      connector TEXT PRIMARY KEY,
      token TEXT NOT NULL,
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      acquired_at TEXT NOT NULL,
      expires_at BIGINT NOT NULL
    )`,
  ],
  [
    `CREATE TABLE webhook_deliveries (
      seq BIGSERIAL PRIMARY KEY,
      connector TEXT NOT NULL,
      delivery_id TEXT NOT NULL,
      received_at BIGINT NOT NULL,
      body TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending','done')),
      UNIQUE (connector, delivery_id)
    )`,
    "CREATE INDEX webhook_deliveries_status ON webhook_deliveries (connector, status, seq)",
    "CREATE INDEX webhook_deliveries_received ON webhook_deliveries (connector, received_at)",
  ],
  [
    "ALTER TABLE webhook_deliveries ADD COLUMN body_hash TEXT",
    `CREATE UNIQUE INDEX webhook_deliveries_body_hash ON webhook_deliveries (connector, body_hash)
      WHERE body_hash IS NOT NULL`,
  ],
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
      id BIGSERIAL PRIMARY KEY,
      connector TEXT NOT NULL,
      execution_id TEXT,
      seq BIGINT NOT NULL,
      reason TEXT NOT NULL,
      entry TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
    "CREATE INDEX dead_letters_connector ON dead_letters (connector, id)",
  ],
];

/** The database's clock in epoch milliseconds: every process sharing the database reads the same one. */
export const DB_NOW_MS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";
