import type Database from "better-sqlite3";
import type { Synchronous } from "./types.js";

/** A connector's OAuth2 refresh token as stored: sealed text (runtime/state/sealing.ts), never the token. */
export interface StoredRefreshToken {
  current: string;
  /**
   * The token `current` replaced, kept until a refresh with `current` has succeeded: when a crash
   * or a provider hiccup leaves `current` unusable, a run falls back to it once.
   */
  previous: string | null;
  /** ISO 8601, UTC. */
  updatedAt: string;
}

/**
 * OAuth2 refresh tokens, one per connector, in the state database. Each write commits in its own
 * transaction and is durable when it resolves (SQLite synchronous=FULL; PostgreSQL's default
 * synchronous_commit), which is what lets a rotated token be written before it is used.
 */
export interface RefreshTokenTable {
  get(connector: string): Promise<StoredRefreshToken | undefined>;
  /** `cannectors auth login`: a new token, nothing kept of the old one. */
  replace(connector: string, sealed: string, now: string): Promise<void>;
  /** The provider rotated the token: `sealed` becomes current, the current one previous. */
  rotate(connector: string, sealed: string, now: string): Promise<void>;
  /** A refresh with the current token succeeded: the previous one is no longer needed. */
  confirm(connector: string): Promise<void>;
  delete(connector: string): Promise<boolean>;
}

export const REFRESH_TOKEN_SQL = {
  get: "SELECT current, previous, updated_at FROM oauth_refresh_tokens WHERE connector = ?",
  replace: `INSERT INTO oauth_refresh_tokens (connector, current, previous, updated_at) VALUES (?, ?, NULL, ?)
    ON CONFLICT (connector) DO UPDATE SET current = excluded.current, previous = NULL, updated_at = excluded.updated_at`,
  rotate: `INSERT INTO oauth_refresh_tokens (connector, current, previous, updated_at) VALUES (?, ?, NULL, ?)
    ON CONFLICT (connector) DO UPDATE SET previous = oauth_refresh_tokens.current, current = excluded.current,
      updated_at = excluded.updated_at`,
  confirm: "UPDATE oauth_refresh_tokens SET previous = NULL WHERE connector = ? AND previous IS NOT NULL",
  delete: "DELETE FROM oauth_refresh_tokens WHERE connector = ?",
} as const;

interface Row {
  current: string;
  previous: string | null;
  updated_at: string;
}

export function toStoredRefreshToken(row: Row | undefined): StoredRefreshToken | undefined {
  return row && { current: row.current, previous: row.previous, updatedAt: row.updated_at };
}

export function createRefreshTokenTable(db: Database.Database): Synchronous<RefreshTokenTable> {
  const statements = {
    get: db.prepare<[string], Row>(REFRESH_TOKEN_SQL.get),
    replace: db.prepare<[string, string, string]>(REFRESH_TOKEN_SQL.replace),
    rotate: db.prepare<[string, string, string]>(REFRESH_TOKEN_SQL.rotate),
    confirm: db.prepare<[string]>(REFRESH_TOKEN_SQL.confirm),
    delete: db.prepare<[string]>(REFRESH_TOKEN_SQL.delete),
  };
  return {
    get: (connector) => toStoredRefreshToken(statements.get.get(connector)),
    replace: (connector, sealed, now) => {
      statements.replace.run(connector, sealed, now);
    },
    rotate: (connector, sealed, now) => {
      statements.rotate.run(connector, sealed, now);
    },
    confirm: (connector) => {
      statements.confirm.run(connector);
    },
    delete: (connector) => statements.delete.run(connector).changes > 0,
  };
}
