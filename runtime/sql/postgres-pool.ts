import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type Pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { decodeJson } from "../json/index.js";
import { inTransaction, type PoolOptions, type Row, type SqlPool, type SqlSession } from "./pool.js";
import type { BoundValue } from "./values.js";
import { exactFromText } from "./read-values.js";
import { loadPg } from "./pg-driver.js";

const pg = loadPg();

// Type OIDs whose text we keep or read exactly: pg's defaults would round or re-encode them.
const INT8 = 20;
const NUMERIC = 1700;
const JSON_OID = 114;
const JSONB = 3802;
const KEEP_TEXT = new Set([1082, 1083, 1114, 1184, 1266]); // date, time, timestamp(tz), timetz

const MAX_DEPTH = 256;
const decodeExact = (text: string) => decodeJson(text, { maxDepth: MAX_DEPTH }).value;
// Where a JSON number starts: at the text's start, or after `[`, `,` or `:` and any blanks.
const NUMBER_START = /(?:^|[[,:])\s*-?\d/;

/**
 * A jsonb column's text. PostgreSQL keeps no key twice in jsonb, so JSON.parse loses nothing on a
 * text with no number in it (the test may also match digits inside a string: those go the exact
 * way) that is too short to nest deeper than MAX_DEPTH: the common tags, labels and small
 * documents, at about half decodeJson's cost. Anything else is decoded exactly. (A json column
 * may hold a key twice: it is always decoded exactly.)
 */
export function jsonbValue(text: string): unknown {
  return text.length <= 2 * MAX_DEPTH && !NUMBER_START.test(text) ? JSON.parse(text) : decodeExact(text);
}

/** An int8 column's text: 15 characters at most (a sign and digits) is below 2^53, a double holds it. */
export function int8Value(text: string): unknown {
  return text.length <= 15 ? Number(text) : exactFromText(text);
}

const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return int8Value;
    if (oid === NUMERIC) return exactFromText;
    if (oid === JSONB) return jsonbValue;
    if (oid === JSON_OID) return decodeExact;
    if (KEEP_TEXT.has(oid)) return (text: string) => text;
    return pg.types.getTypeParser(oid, format ?? "text");
  },
} as Pg.CustomTypesConfig;

/**
 * A client taken from the pool, listened to while it is out. The server may end a connection in
 * use (pg_terminate_backend, a restart, a failover): pg reports the ended socket as an 'error'
 * event, which pg-pool hears only on idle clients, so one unheard while a session or a cursor held
 * the client crashed the process (seen in the lost-connection test). The statement in flight fails
 * with its own error, which the caller's retry sees; `release` drops the client if it broke.
 */
async function checkOut(pool: Pg.Pool): Promise<{ client: Pg.PoolClient; release(broken?: Error): void }> {
  const client = await pool.connect();
  let ended: Error | undefined;
  const onError = (error: Error) => {
    ended ??= error;
  };
  client.on("error", onError);
  return {
    client,
    release(broken) {
      client.off("error", onError);
      client.release(broken ?? ended);
    },
  };
}

/** What each connection keeps between transactions (SqlSession.kept), for as long as the connection lives. */
const keptBy = new WeakMap<Pg.PoolClient, Set<string>>();

export function postgresPool(options: PoolOptions): SqlPool {
  const ssl =
    options.tls === undefined || options.tls.mode === "disable"
      ? undefined
      : { rejectUnauthorized: options.tls.mode === "verify", ...(options.tls.ca ? { ca: options.tls.ca } : {}) };
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max,
    types,
    ...(ssl ? { ssl } : {}),
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  });
  // An idle client whose server went away emits here; without a listener it would crash the process.
  pool.on("error", () => undefined);

  async function session<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    const { client, release } = await checkOut(pool);
    const kept = keptBy.get(client) ?? new Set<string>();
    keptBy.set(client, kept);
    let broken: Error | undefined;
    try {
      return await fn({
        kept,
        async query(sql, params = []) {
          return (await client.query({ text: sql, values: params as unknown[] })).rows;
        },
        async copyIn(sql, chunks) {
          await pipeline(Readable.from(chunks), client.query(copyFrom(sql)));
        },
      });
    } catch (error) {
      // The failed transaction may have rolled back what it created.
      kept.clear();
      // A connection-level failure leaves the client unusable: drop it rather than reuse it.
      if (
        !(error instanceof Error) ||
        !("code" in error) ||
        typeof error.code !== "string" ||
        error.code.startsWith("08")
      )
        broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      release(broken);
    }
  }
  async function* stream(sql: string, params: readonly BoundValue[], pageSize: number): AsyncGenerator<Row[]> {
    const { client, release } = await checkOut(pool);
    let broken: Error | undefined;
    try {
      await client.query("BEGIN READ ONLY");
      await client.query({ text: `DECLARE cannectors_rows NO SCROLL CURSOR FOR ${sql}`, values: params as unknown[] });
      const fetchPage = () => client.query(`FETCH FORWARD ${pageSize} FROM cannectors_rows`);
      // The next page is asked for before this one is handed on, so the server reads it while the
      // engine works on this one; memory holds two pages at most.
      let pending: Promise<Pg.QueryResult> | undefined = fetchPage();
      while (pending) {
        const { rows } = await pending;
        pending = undefined;
        if (rows.length === pageSize) {
          pending = fetchPage();
          // Settled on its own if the engine stops pulling: ROLLBACK (below) waits behind it.
          pending.catch(() => undefined);
        }
        if (rows.length > 0) yield rows;
      }
      await client.query("COMMIT");
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      // Stopped early (the engine stopped pulling) or failed: the cursor's transaction must not go back to the pool.
      if (!broken) await client.query("ROLLBACK").catch(() => undefined);
      release(broken);
    }
  }
  return {
    dialect: "postgres",
    session,
    stream,
    transaction: (fn) => session((s) => inTransaction(s, () => fn(s))),
    close: () => pool.end(),
  };
}
