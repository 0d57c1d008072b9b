import type { Connection as CallbackConnection } from "mysql2";
import mysql from "mysql2/promise";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { inTransaction, type PoolOptions, type Row, type SqlPool, type SqlSession } from "./pool.js";
import { exactFromText } from "./read-values.js";
import type { BoundValue } from "./values.js";

export function mysqlPool(options: PoolOptions): SqlPool {
  const ssl =
    options.tls === undefined || options.tls.mode === "disable"
      ? undefined
      : { rejectUnauthorized: options.tls.mode === "verify", ...(options.tls.ca ? { ca: options.tls.ca } : {}) };
  const pool = mysql.createPool({
    uri: options.url.replace(/^mariadb:/i, "mysql:"),
    connectionLimit: options.max,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    // Exact numbers and dates: BIGINT and DECIMAL as text (read exactly below), dates as written.
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    dateStrings: true,
    jsonStrings: false,
    typeCast(field, next) {
      if (field.type === "NEWDECIMAL" || field.type === "LONGLONG" || field.type === "DECIMAL") {
        const text = field.string();
        return text === null ? null : exactFromText(text);
      }
      return next();
    },
    ...(ssl ? { ssl } : {}),
  });
  if (options.statementTimeoutMs) limitStatements(pool, options.statementTimeoutMs);
  async function session<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    const connection = await pool.getConnection();
    let broken = false;
    try {
      return await fn({
        async query(sql, params = []) {
          const [rows] = await connection.query({
            sql,
            values: params as unknown[],
            // The server stops the statement (limitStatements); this only guards against a server that never answers.
            ...(options.statementTimeoutMs ? { timeout: options.statementTimeoutMs + 5_000 } : {}),
          });
          return Array.isArray(rows) ? (rows as Row[]) : [];
        },
        copyIn() {
          throw new CannectorsError(ErrorCodes.CONFIG_INVALID, "COPY is PostgreSQL's; MySQL loads with INSERT");
        },
        kept: new Set<string>(),
      });
    } catch (error) {
      broken = (error as { fatal?: boolean }).fatal === true;
      throw error;
    } finally {
      if (broken) connection.destroy();
      else connection.release();
    }
  }
  async function* stream(sql: string, params: readonly BoundValue[], pageSize: number): AsyncGenerator<Row[]> {
    const connection = await pool.getConnection();
    let done = false;
    try {
      // The callback connection streams rows as they arrive; the promise API would buffer them all.
      const raw = (connection as unknown as { connection: CallbackConnection }).connection;
      const rows = raw.query({ sql, values: params as unknown[] }).stream({ highWaterMark: pageSize });
      let page: Row[] = [];
      for await (const row of rows) {
        page.push(row as Row);
        if (page.length >= pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
      done = true;
    } finally {
      // A result left half-read (a failure, or the engine stopped pulling) leaves the connection
      // mid-protocol: it is dropped, not reused.
      if (done) connection.release();
      else connection.destroy();
    }
  }
  return {
    dialect: "mysql",
    session,
    stream,
    transaction: (fn) => session((s) => inTransaction(s, () => fn(s), "START TRANSACTION")),
    close: () => pool.end(),
  };
}

/**
 * The statement timeout enforced by the server, on each new connection: MariaDB's
 * `max_statement_time` (seconds, any statement), else MySQL's `max_execution_time` (ms, SELECTs).
 * A client-side timeout alone would leave the statement running on the server.
 */
function limitStatements(pool: mysql.Pool, ms: number): void {
  const core = (pool as unknown as { pool: { on(event: "connection", fn: (c: CallbackConnection) => void): void } })
    .pool;
  core.on("connection", (connection) => {
    connection.query(`SET SESSION max_statement_time = ${ms / 1000}`, (error) => {
      if (error) connection.query(`SET SESSION max_execution_time = ${Math.ceil(ms)}`, () => undefined);
    });
  });
}
