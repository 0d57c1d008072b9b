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
  async function session<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    const connection = await pool.getConnection();
    let broken = false;
    try {
      return await fn({
        async query(sql, params = []) {
          const [rows] = await connection.query({
            sql,
            values: params as unknown[],
            ...(options.statementTimeoutMs ? { timeout: options.statementTimeoutMs } : {}),
          });
          return Array.isArray(rows) ? (rows as Row[]) : [];
        },
        copyIn() {
          throw new CannectorsError(ErrorCodes.CONFIG_INVALID, "COPY is PostgreSQL's; MySQL loads with INSERT");
        },
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
