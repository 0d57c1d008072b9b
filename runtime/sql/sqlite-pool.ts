import Database from "better-sqlite3";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { inTransaction, type PoolOptions, type Row, type SqlPool, type SqlSession } from "./pool.js";
import { recordValue } from "./read-values.js";
import type { BoundValue } from "./values.js";

/** `sqlite:/abs/file.db`, `sqlite:///abs/file.db`, `sqlite:rel.db`, `file:...`: the file's path. */
export function sqliteFile(url: string): string {
  const rest = url.replace(/^(sqlite|file):/i, "");
  return decodeURIComponent(rest.startsWith("//") ? rest.slice(2) : rest).replace(/\?.*$/, "");
}

/**
 * SQLite has one writer: one connection, and sessions take turns (a transaction holds it from
 * BEGIN to COMMIT, so two batches in flight never interleave their statements).
 */
export function sqlitePool(options: PoolOptions): SqlPool {
  const db = new Database(sqliteFile(options.url), { timeout: options.statementTimeoutMs ?? 5_000 });
  db.pragma("journal_mode = WAL");
  db.defaultSafeIntegers(true);
  let turn: Promise<unknown> = Promise.resolve();
  const open: SqlSession = {
    async query(sql, params = []) {
      const statement = db.prepare(sql);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return (statement.all(...params) as Row[]).map(readRow);
    },
    copyIn() {
      throw new CannectorsError(ErrorCodes.CONFIG_INVALID, "COPY is PostgreSQL's; SQLite loads with INSERT");
    },
    kept: new Set<string>(),
  };
  function session<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    const run = turn.then(() => fn(open));
    turn = run.catch(() => undefined);
    return run;
  }
  async function* stream(sql: string, params: readonly BoundValue[], pageSize: number): AsyncGenerator<Row[]> {
    const rows = db.prepare(sql).iterate(...params) as IterableIterator<Row>;
    try {
      let page: Row[] = [];
      for (const row of rows) {
        page.push(readRow(row));
        if (page.length >= pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    } finally {
      rows.return?.();
    }
  }
  return {
    dialect: "sqlite",
    session,
    stream,
    transaction: (fn) => session((s) => inTransaction(s, () => fn(s), "BEGIN IMMEDIATE")),
    close: async () => {
      await turn;
      db.close();
    },
  };
}

function readRow(row: Row): Row {
  const out: Row = {};
  for (const [name, value] of Object.entries(row)) out[name] = recordValue(value);
  return out;
}
