/**
 * The connection settings reach the real servers: pool size (settings.concurrency), the statement
 * timeout enforced by the server, TLS asked for (these test servers have none, so `require` must
 * fail rather than fall back to plain).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, usableDialects } from "../../test/support/sql-databases.js";
import { openPool, type SqlPool } from "./pool.js";

const SLEEP = { postgres: "SELECT pg_sleep(3) AS slept", mysql: "SELECT SLEEP(3) AS slept", sqlite: "" };
const WHO = { postgres: "SELECT pg_backend_pid() AS id", mysql: "SELECT CONNECTION_ID() AS id", sqlite: "" };
const PAUSE = { postgres: "SELECT pg_sleep(0.3)", mysql: "SELECT SLEEP(0.3)", sqlite: "" };

describe.each(usableDialects(["postgres", "mysql"]))("connections to $name", (dialect) => {
  let db: TestDatabase;
  let pool: SqlPool | undefined;
  const name = dialect.name as "postgres" | "mysql";
  beforeEach(async () => {
    db = await dialect.fresh();
  });
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
    await db.dispose();
  });

  it("opens at most `max` connections (settings.concurrency), however many sessions wait", async () => {
    pool = await openPool(name, { url: db.url, max: 2 });
    const open = pool;
    const ids = await Promise.all(
      Array.from({ length: 6 }, () =>
        open.session(async (s) => {
          const [row] = await s.query(WHO[name]);
          await s.query(PAUSE[name]);
          return String(row?.id);
        }),
      ),
    );
    expect(new Set(ids).size).toBe(2);
  });

  it("stops a statement at the statement timeout, on the server, and the pool keeps working", async () => {
    pool = await openPool(name, { url: db.url, max: 1, statementTimeoutMs: 300 });
    const started = Date.now();
    const error = await pool.session((s) => s.query(SLEEP[name])).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    // The server's own refusal (PostgreSQL 57014; MariaDB 1969), not the client giving up.
    expect((error as Error).message).toMatch(
      /canceling statement due to statement timeout|max_statement_time exceeded/,
    );
    expect(Date.now() - started).toBeLessThan(2500);
    expect(await pool.session((s) => s.query("SELECT 1 AS one"))).toEqual([{ one: 1 }]);
  });

  it("with tls require, refuses a server without TLS instead of talking plain", async () => {
    pool = await openPool(name, { url: db.url, max: 1, tls: { mode: "require" }, connectTimeoutMs: 3000 });
    const error = await pool.session((s) => s.query("SELECT 1")).catch((e: Error) => e);
    expect(String((error as Error).message)).toMatch(/SSL|secure connection/i);
  });

  it("with tls disable, connects plain", async () => {
    pool = await openPool(name, { url: db.url, max: 1, tls: { mode: "disable" } });
    expect(await pool.session((s) => s.query("SELECT 1 AS one"))).toEqual([{ one: 1 }]);
  });
});
