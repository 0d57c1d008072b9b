import mysql from "mysql2/promise";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, usableDialects } from "../../../test/support/sql-databases.js";
import { ExactNumber } from "../../json/index.js";
import { records, sqlOutput } from "./test-support.js";

const BIG = 9_007_199_254_740_993n; // 2^53 + 1: a double would make it ...992
const DECIMAL = "12345678901234567890.1234567891";

const DDL = {
  postgres: (t: string) =>
    `CREATE TABLE ${t} (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(40,10), big bigint, active boolean, doc jsonb)`,
  mysql: (t: string) =>
    `CREATE TABLE ${t} (id bigint PRIMARY KEY, name text NOT NULL, amount decimal(40,10), big bigint, active boolean, doc json)`,
  sqlite: (t: string) =>
    `CREATE TABLE ${t} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, amount TEXT, big INTEGER, active INTEGER, doc TEXT)`,
};
const text = { postgres: "TEXT", mysql: "CHAR", sqlite: "TEXT" };

describe.each(usableDialects())("sql output on $name", (dialect) => {
  let db: TestDatabase;
  let table: string;
  beforeEach(async () => {
    db = await dialect.fresh();
    table = db.table("clients");
    await db.sql(DDL[dialect.name](table));
  });
  afterEach(() => db.dispose());

  const rows = async () =>
    (
      await db.sql(
        `SELECT CAST(id AS ${text[dialect.name]}) AS id, name, CAST(amount AS ${text[dialect.name]}) AS amount, CAST(big AS ${text[dialect.name]}) AS big FROM ${table} ORDER BY id`,
      )
    ).map((row) => ({
      ...(row as { id: string; name: string; big: string | null }),
      amount: row.amount === null ? null : String(row.amount).replace(/0+$/, ""),
    }));

  it("inserts records as rows, numbers exact, strings as they are", async () => {
    const h = sqlOutput({ connection: db.url, table, batch: { size: 10 } });
    const odd = "tab\there, newline\nthere, back\\slash, quote ' and \"";
    const result = await h.output.deliver(
      records(
        { id: 1, name: odd, amount: new ExactNumber(DECIMAL), big: BIG, active: true, doc: { a: [1, "x"] } },
        { id: 2, name: "b", amount: 0.1, big: null, active: false, doc: null },
      ),
    );
    await h.output.close();
    expect(result).toEqual({ delivered: 2, deadLettered: 0 });
    expect(await rows()).toEqual([
      { id: "1", name: odd, amount: DECIMAL, big: String(BIG) },
      { id: "2", name: "b", amount: "0.1", big: null },
    ]);
  });

  it("upserts on the key: a rerun writes every row once, the last value wins", async () => {
    const h = sqlOutput({ connection: db.url, table, mode: "upsert", key: ["id"] });
    await h.output.deliver(records({ id: 1, name: "a" }, { id: 2, name: "b" }));
    const again = await h.output.deliver(records({ id: 2, name: "b2" }, { id: 3, name: "c" }, { id: 3, name: "c2" }));
    await h.output.close();
    expect(again).toEqual({ delivered: 3, deadLettered: 0 });
    expect((await rows()).map((r) => [r.id, r.name])).toEqual([
      ["1", "a"],
      ["2", "b2"],
      ["3", "c2"],
    ]);
  });

  it("dead-letters only the row the database refuses, with its position and cause", async () => {
    const h = sqlOutput({ connection: db.url, table, mode: "upsert", key: ["id"] });
    const result = await h.output.deliver(
      records({ id: 1, name: "a" }, { id: 2, name: null }, { id: 3, name: "c" }, { name: "no key" }),
    );
    await h.output.close();
    expect(result).toEqual({ delivered: 2, deadLettered: 2 });
    expect((await rows()).map((r) => r.id)).toEqual(["1", "3"]);
    expect(h.deadLetters.map((d) => [d.seq, d.record])).toEqual([
      [3, { name: "no key" }],
      [1, { id: 2, name: null }],
    ]);
    expect(h.deadLetters[1]?.reason).toMatch(/null|name/i);
    expect(h.deadLetters[0]?.reason).toBe("key column id has no value");
  });

  it("deletes the keys a full sync did not write, only when asked to complete", async () => {
    await db.sql(`INSERT INTO ${table} (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')`);
    const h = sqlOutput({ connection: db.url, table, mode: "upsert", key: ["id"], deleteMissing: true });
    await h.output.deliver(records({ id: 1, name: "a1" }, { id: 3, name: "c1" }));
    expect((await rows()).map((r) => r.id)).toEqual(["1", "2", "3"]);
    await h.output.complete?.();
    await h.output.close();
    expect((await rows()).map((r) => [r.id, r.name])).toEqual([
      ["1", "a1"],
      ["3", "c1"],
    ]);
  });

  it("fails the run, not each record, when the table does not exist", async () => {
    const h = sqlOutput({ connection: db.url, table: db.table("nope") });
    await expect(h.output.deliver(records({ id: 1, name: "a" }))).rejects.toMatchObject({
      code: "CANNECTORS_E_DELIVERY",
    });
    await h.output.close();
    expect(h.deadLetters).toEqual([]);
  });

  // MariaDB/MySQL only: PostgreSQL's lost connection is in sql-output.postgres.test.ts.
  it.runIf(dialect.name === "mysql")(
    "retries a batch whose connection the server kills mid-transaction, on a new connection, rows written once",
    async () => {
      const holder = await mysql.createConnection({ uri: db.url });
      await holder.query(`LOCK TABLES ${table} WRITE`);
      const unlock = () => holder.query("UNLOCK TABLES").then(() => holder.end());
      // Should no retry come, the lock still goes after a while, so a failure shows as such rather than a hang.
      const fallback = setTimeout(() => void unlock(), 8000);
      const h = sqlOutput(
        { connection: db.url, table, mode: "upsert", key: ["id"] },
        {
          onRetry: () => {
            clearTimeout(fallback);
            void unlock();
          },
        },
      );
      const delivered = h.output.deliver(records({ id: 1, name: "a" }, { id: 2, name: "b" }));
      // The batch waits on the table lock inside its transaction; then the server kills that connection.
      const schema = table.split(".")[0];
      let killed = 0;
      for (let tries = 0; killed === 0 && tries < 200; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        const waiting = await db.sql(
          `SELECT ID AS id FROM information_schema.PROCESSLIST WHERE STATE LIKE 'Waiting for table%' AND INFO LIKE ?`,
          [`%${schema}%`],
        );
        for (const { id } of waiting) {
          await db.sql(`KILL CONNECTION ${Number(id)}`);
          killed++;
        }
      }
      expect(killed).toBe(1);
      expect(await delivered).toEqual({ delivered: 2, deadLettered: 0 });
      await h.output.close();
      clearTimeout(fallback);
      expect(h.retries).toBe(1);
      expect((await rows()).map((r) => [r.id, r.name])).toEqual([
        ["1", "a"],
        ["2", "b"],
      ]);
    },
    30_000,
  );
});
