import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, usableDialects } from "../../test/support/sql-databases.js";
import { postgresPool } from "./postgres-pool.js";

describe.each(usableDialects(["postgres"]))("PostgreSQL pool stream ($name)", (dialect) => {
  let db: TestDatabase;
  let table: string;
  beforeEach(async () => {
    db = await dialect.fresh();
    table = db.table("items");
    await db.sql(`CREATE TABLE ${table} AS SELECT i AS id FROM generate_series(1, 2500) i`);
  });
  afterEach(() => db.dispose());

  it("yields every row once, in pages, with the next page fetched ahead", async () => {
    const pool = postgresPool({ url: db.url, max: 1 });
    const pages: number[][] = [];
    for await (const rows of pool.stream(`SELECT id FROM ${table} ORDER BY id`, [], 1000)) {
      pages.push(rows.map((row) => Number(row.id)));
    }
    await pool.close();
    expect(pages.map((page) => page.length)).toEqual([1000, 1000, 500]);
    expect(pages.flat()).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
  });

  it("stopped after one page (a fetch ahead in flight), the connection goes back clean", async () => {
    const pool = postgresPool({ url: db.url, max: 1 });
    for await (const rows of pool.stream(`SELECT id FROM ${table} ORDER BY id`, [], 1000)) {
      expect(rows.length).toBe(1000);
      break;
    }
    // The pool's one connection: no transaction or cursor left open on it.
    const [state] = await pool.session((s) => s.query("SELECT now() = statement_timestamp() AS idle"));
    expect(state).toEqual({ idle: true });
    await pool.close();
  });
});
