import mysql from "mysql2/promise";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, usableDialects } from "../../../test/support/sql-databases.js";
import { records, sqlOutput } from "./test-support.js";

describe.each(usableDialects(["mysql"]))("sql output, MariaDB/MySQL only ($name)", (dialect) => {
  let db: TestDatabase;
  let table: string;
  beforeEach(async () => {
    db = await dialect.fresh();
    table = db.table("clients");
    await db.sql(`CREATE TABLE ${table} (id bigint PRIMARY KEY, name text NOT NULL)`);
  });
  afterEach(() => db.dispose());

  it("retries a batch whose connection the server kills mid-transaction, on a new connection, rows written once", async () => {
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
    expect(await db.sql(`SELECT id, name FROM ${table} ORDER BY id`)).toEqual([
      { id: "1", name: "a" },
      { id: "2", name: "b" },
    ]);
  }, 30_000);
});
