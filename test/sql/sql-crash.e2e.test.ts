/**
 * Issue 16: SIGKILL while loading into PostgreSQL, then a rerun: every row exactly once. The CLI
 * (dist/) is killed by the `after-sql-commit` failpoint, right after a batch's transaction commits
 * and before the engine saves the cursor past it: the rerun reads that batch again and the upsert
 * on the key writes it once. With plain `mode: insert` the same rerun would hit the primary key
 * (those rows dead-lettered as duplicates) or, on a table without one, write them twice.
 * SQL_CRASH_ROWS sets the size (the 1,000,000 runs by hand; the suite keeps 20,000).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { type TestDatabase, usableDialects } from "../support/sql-databases.js";

const ROWS = Number(process.env.SQL_CRASH_ROWS ?? 20_000);

describe.each(usableDialects(["postgres"]))("SIGKILL while loading into $name", { timeout: 600_000 }, (dialect) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await dialect.fresh();
  });
  afterEach(() => db.dispose());

  it.each(["statements", "copy"])("rerun after the kill writes every row exactly once (bulk: %s)", async (bulk) => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-sql-crash-"));
    const source = new Database(path.join(dir, "source.db"));
    source.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price TEXT NOT NULL)");
    const add = source.prepare("INSERT INTO items VALUES (?, ?, ?)");
    source.transaction(() => {
      for (let id = 1; id <= ROWS; id++) add.run(id, `item ${id}`, `${id}.${String(id % 100).padStart(2, "0")}`);
    })();
    source.close();
    const table = db.table("items");
    await db.sql(`CREATE TABLE ${table} (id bigint PRIMARY KEY, name text NOT NULL, price numeric(20,2) NOT NULL)`);
    const file = path.join(dir, "load.yaml");
    writeFileSync(
      file,
      `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: load-items }
input:
  type: sql
  connection: "sqlite:${path.join(dir, "source.db")}"
  table: items
  incremental: { column: id, key: id }
  pageSize: 1000
output:
  type: sql
  connection: "\${secret:TARGET_DB}"
  table: ${table}
  mode: upsert
  key: [id]
  bulk: ${bulk}
  batch: { size: 500 }
settings: { concurrency: 4 }
`,
    );
    const state = path.join(dir, "state.db");
    const args = ["run", file, "--state", state, "--dead-letter", path.join(dir, "dl.ndjson"), "--json"];
    const env = { TARGET_DB: db.url };
    const killAt = Math.max(2, Math.floor(ROWS / 500 / 3));
    const killed = await runCli(args, {
      env: { ...env, CANNECTORS_FAILPOINT: `after-sql-commit:${killAt}` },
      timeoutMs: 600_000,
    });
    expect(killed.signal ?? killed.code).toBe("SIGKILL");
    const [partial] = await db.sql(`SELECT COUNT(*)::int AS n FROM ${table}`);
    expect(partial?.n).toBeGreaterThanOrEqual(killAt * 500);
    expect(partial?.n).toBeLessThan(ROWS);

    const rerun = await runCli(args, { env, timeoutMs: 600_000 });
    expect(rerun.code, rerun.stderr).toBe(0);
    const [after] = await db.sql(
      `SELECT COUNT(*)::int AS n, COUNT(DISTINCT id)::int AS ids, MIN(id)::int AS lo, MAX(id)::int AS hi, SUM(price)::text AS total FROM ${table}`,
    );
    const total =
      (ROWS * (ROWS + 1)) / 2 + Array.from({ length: ROWS }, (_, i) => (i + 1) % 100).reduce((a, b) => a + b, 0) / 100;
    expect(after).toEqual({ n: ROWS, ids: ROWS, lo: 1, hi: ROWS, total: total.toFixed(2) });
    const check = new Database(state, { readonly: true });
    try {
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      check.close();
    }
  });
});
