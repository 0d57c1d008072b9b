/**
 * The tables and columns of a database, read from its catalogue (pg_catalog, information_schema,
 * SQLite's pragmas). Runs on a session the caller holds (`introspectWith`) or opens its own
 * read-only connection from a URL (`introspectDatabase`); it never writes.
 */
import { CannectorsError, describeError, ErrorCodes } from "../../errors/index.js";
import { type Dialect, dialectOf } from "../dialect.js";
import { openPool, type TlsOptions } from "../pool.js";
import { sqliteFile } from "../sqlite-pool.js";
import type { IntrospectOptions, Query, TableInfo } from "./model.js";
import { introspectMysql } from "./mysql.js";
import { introspectPostgres } from "./postgres.js";
import { introspectSqlite } from "./sqlite.js";

export * from "./model.js";

export function introspectWith(dialect: Dialect, query: Query, options: IntrospectOptions = {}): Promise<TableInfo[]> {
  if (dialect === "postgres") return introspectPostgres(query, options);
  if (dialect === "mysql") return introspectMysql(query, options);
  return introspectSqlite(query, options);
}

export interface ConnectOptions {
  tls?: TlsOptions | undefined;
  connectTimeoutMs?: number | undefined;
  /** Masks secrets (the URL's password) in the error a failed connection gives. */
  redact?: (text: string) => string;
}

/** Introspects the database at `url`; a failure is a CONTRACT error naming the dialect, never the URL. */
export async function introspectDatabase(
  url: string,
  options: IntrospectOptions = {},
  connect: ConnectOptions = {},
): Promise<TableInfo[]> {
  const dialect = dialectOf(url);
  try {
    if (dialect === "sqlite") return await introspectSqliteFile(url, options);
    const pool = await openPool(dialect, { url, max: 1, tls: connect.tls, connectTimeoutMs: connect.connectTimeoutMs });
    try {
      return await pool.session((session) =>
        introspectWith(dialect, (sql, params) => session.query(sql, params), options),
      );
    } finally {
      await pool.close().catch(() => undefined);
    }
  } catch (error) {
    const reason = describeError(error).split(url).join("<connection>");
    throw new CannectorsError(
      ErrorCodes.CONTRACT,
      `cannot read the ${dialect} catalogue: ${connect.redact?.(reason) ?? reason}`,
      {
        cause: error,
        details: { dialect },
      },
    );
  }
}

/** Read-only and must exist: the SQLite pool would create a missing file and switch it to WAL. */
async function introspectSqliteFile(url: string, options: IntrospectOptions): Promise<TableInfo[]> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(sqliteFile(url), { readonly: true, fileMustExist: true });
  try {
    db.defaultSafeIntegers(false);
    return await introspectSqlite(
      async (sql, params = []) => db.prepare(sql).all(...params) as Record<string, unknown>[],
      options,
    );
  } finally {
    db.close();
  }
}
