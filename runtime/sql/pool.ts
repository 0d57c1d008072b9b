/**
 * One pool per SQL module, whatever the database: sessions, transactions and (PostgreSQL) COPY.
 * Drivers load on first use, so a connector without SQL pays nothing for them at start-up.
 */
import type { Dialect } from "./dialect.js";
import type { BoundValue } from "./values.js";

export type Row = Record<string, unknown>;

export interface SqlSession {
  query(sql: string, params?: readonly BoundValue[]): Promise<Row[]>;
  /** PostgreSQL only: `COPY ... FROM STDIN` fed with these chunks of text-format rows (UTF-8). */
  copyIn(sql: string, chunks: readonly Uint8Array[]): Promise<void>;
  /**
   * What the connection under this session keeps between transactions (a staging table's CREATE
   * statement, once it ran): the set belongs to the connection and is emptied when a session on
   * it fails, since the failed transaction may have rolled back what it created.
   */
  readonly kept: Set<string>;
}

export interface SqlPool {
  readonly dialect: Dialect;
  /** One session for `fn`; the connection goes back to the pool after (or is dropped if it broke). */
  session<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** `fn` inside BEGIN ... COMMIT; any error rolls back and is rethrown. */
  transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * A query's rows, `pageSize` at a time, read from a server-side cursor (PostgreSQL), a streamed
   * result (MySQL) or a stepping statement (SQLite): memory holds one page, whatever the result's size.
   */
  stream(sql: string, params: readonly BoundValue[], pageSize: number): AsyncGenerator<Row[]>;
  close(): Promise<void>;
}

export interface TlsOptions {
  /** `disable`: plain; `require`: encrypted, certificate not checked; `verify`: encrypted and checked. */
  mode: "disable" | "require" | "verify";
  /** PEM text of the CA that signs the server's certificate (with `verify`). */
  ca?: string | undefined;
}

export interface PoolOptions {
  url: string;
  /** Connections at most: `settings.concurrency` (each batch in flight holds one). */
  max: number;
  /** Server-side limit per statement, in ms; undefined: the server's default. */
  statementTimeoutMs?: number | undefined;
  connectTimeoutMs?: number | undefined;
  tls?: TlsOptions | undefined;
}

export async function openPool(dialect: Dialect, options: PoolOptions): Promise<SqlPool> {
  if (dialect === "postgres") return (await import("./postgres-pool.js")).postgresPool(options);
  if (dialect === "mysql") return (await import("./mysql-pool.js")).mysqlPool(options);
  return (await import("./sqlite-pool.js")).sqlitePool(options);
}

/** A pool opened on first use: a dry run, or a run that reads nothing, never connects. */
export function lazyPool(dialect: Dialect, options: PoolOptions): { get(): Promise<SqlPool>; close(): Promise<void> } {
  let opened: Promise<SqlPool> | undefined;
  return {
    get: () => {
      opened ??= openPool(dialect, options);
      return opened;
    },
    async close() {
      if (!opened) return;
      const pool = await opened.catch(() => undefined);
      await pool?.close();
    },
  };
}

/** Runs `fn` in a transaction on `session`, rolling back on failure. */
export async function inTransaction<T>(session: SqlSession, fn: () => Promise<T>, begin = "BEGIN"): Promise<T> {
  await session.query(begin);
  try {
    const result = await fn();
    await session.query("COMMIT");
    return result;
  } catch (error) {
    // A broken connection cannot roll back; the original error is the one that matters.
    await session.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
