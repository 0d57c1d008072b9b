import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, usableDialects } from "../../../test/support/sql-databases.js";
import { createDryRunWriter } from "../../engine/dry-run-writer.js";
import { ExactNumber } from "../../json/index.js";
import { plainRedactor } from "../../net/testing.js";
import { records, sqlOutput } from "./test-support.js";

describe.each(usableDialects(["postgres"]))("sql output, PostgreSQL only ($name)", (dialect) => {
  let db: TestDatabase;
  let table: string;
  beforeEach(async () => {
    db = await dialect.fresh();
    table = db.table("clients");
    await db.sql(`CREATE TABLE ${table} (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(40,10))`);
  });
  afterEach(() => db.dispose());
  const rows = async () =>
    (await db.sql(`SELECT id::text, name, amount::text FROM ${table} ORDER BY id`)).map((r) => Object.values(r));

  it("COPY bulk path: stages, merges on the key, keeps numbers and odd text exact", async () => {
    const h = sqlOutput({ connection: db.url, table, mode: "upsert", key: ["id"], bulk: "copy" });
    await h.output.deliver(records({ id: 1, name: "old", amount: 1 }));
    const odd = "a\tb\nc\\d \\N";
    const result = await h.output.deliver(
      records(
        { id: 1, name: odd, amount: new ExactNumber("123456789012345678901234.5") },
        { id: 9_007_199_254_740_993n, name: "big", amount: null },
      ),
    );
    await h.output.close();
    expect(result).toEqual({ delivered: 2, deadLettered: 0 });
    expect(await rows()).toEqual([
      ["1", odd, "123456789012345678901234.5000000000"],
      ["9007199254740993", "big", null],
    ]);
  });

  it("COPY bulk path: a batch of several COPY chunks arrives exact, tabs, newlines and backslashes included", async () => {
    const h = sqlOutput({
      connection: db.url,
      table,
      mode: "upsert",
      key: ["id"],
      bulk: "copy",
      batch: { size: 5000 },
    });
    // About 600 KB of COPY text: more than one chunk, with escapes near every chunk's end.
    const odd = (id: number) => `${"x".repeat(100)}\t${id}\n\\N\r\\${"é".repeat(20)}`;
    const values = Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, name: odd(i + 1), amount: `${i}.25` }));
    expect(await h.output.deliver(records(...values))).toEqual({ delivered: 5000, deadLettered: 0 });
    await h.output.close();
    const got = await rows();
    expect(got.length).toBe(5000);
    expect(got.filter(([id, name]) => name !== odd(Number(id)))).toEqual([]);
    expect(got.find(([id]) => id === "5000")).toEqual(["5000", odd(5000), "4999.2500000000"]);
  });

  it("COPY bulk path: the staging table a connection keeps is empty at each batch (plain insert, no key)", async () => {
    const log = db.table("log");
    await db.sql(`CREATE TABLE ${log} (id bigint, name text)`);
    const h = sqlOutput({ connection: db.url, table: log, bulk: "copy" });
    // One batch at a time: the pool hands the same connection back, so its staging table is reused.
    for (let batch = 0; batch < 3; batch++) {
      await h.output.deliver(records({ id: batch * 2, name: "a" }, { id: batch * 2 + 1, name: "b" }));
    }
    await h.output.close();
    const [counted] = await db.sql(`SELECT COUNT(*)::int AS n, COUNT(DISTINCT id)::int AS ids FROM ${log}`);
    expect(counted).toEqual({ n: 6, ids: 6 });
  });

  it("COPY bulk path: a refused batch is rewritten row by row, the bad row dead-lettered", async () => {
    const h = sqlOutput({ connection: db.url, table, mode: "upsert", key: ["id"], bulk: "copy" });
    const result = await h.output.deliver(records({ id: 1, name: "a" }, { id: 2, name: "b", amount: "lots" }));
    await h.output.close();
    expect(result).toEqual({ delivered: 1, deadLettered: 1 });
    expect(await rows()).toEqual([["1", "a", null]]);
    expect(h.deadLetters.map((d) => [d.seq, d.reason])).toEqual([[1, expect.stringMatching(/numeric/)]]);
  });

  it("COPY bulk path: after a refused first batch (its staging table rolled back) the next batch still loads by COPY", async () => {
    const h = sqlOutput({ connection: db.url, table, mode: "upsert", key: ["id"], bulk: "copy" });
    // The first batch creates the connection's staging table in its transaction, then fails: the
    // rollback takes the table away, so the connection must create it again for the next one.
    expect(await h.output.deliver(records({ id: 1, name: "a" }, { id: 2, name: "b", amount: "lots" }))).toEqual({
      delivered: 1,
      deadLettered: 1,
    });
    expect(await h.output.deliver(records({ id: 3, name: "c" }, { id: 4, name: "d" }))).toEqual({
      delivered: 2,
      deadLettered: 0,
    });
    await h.output.close();
    expect(h.logger.entries.filter((e) => e.message.startsWith("batch refused")).length).toBe(1);
    expect(await rows()).toEqual([
      ["1", "a", null],
      ["3", "c", null],
      ["4", "d", null],
    ]);
  });

  it("retries a batch that hits a lock timeout, through the retry policy", async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    const url = `${db.url}${db.url.includes("?") ? "&" : "?"}options=${encodeURIComponent("-c lock_timeout=100")}`;
    const h = sqlOutput(
      { connection: url, table },
      // The lock goes once the first attempt has failed: the second attempt commits.
      { onRetry: () => void holder.query("ROLLBACK").then(() => holder.end()) },
    );
    const result = await h.output.deliver(records({ id: 1, name: "a" }));
    await h.output.close();
    expect(result).toEqual({ delivered: 1, deadLettered: 0 });
    expect(h.retries).toBe(1);
    expect(await rows()).toEqual([["1", "a", null]]);
  });

  it("retries a COPY batch whose connection the server ends mid-transaction, on a new connection, rows written once", async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    // Its own application name: only this output's connection is ended (other tests share the server).
    const name = `cannectors-lost-${process.pid}-${Date.now()}`;
    const url = `${db.url}${db.url.includes("?") ? "&" : "?"}application_name=${name}`;
    const h = sqlOutput(
      { connection: url, table, mode: "upsert", key: ["id"], bulk: "copy" },
      { onRetry: () => void holder.query("ROLLBACK").then(() => holder.end()) },
    );
    const delivered = h.output.deliver(records({ id: 1, name: "a" }, { id: 2, name: "b" }));
    // The batch waits on the lock inside its transaction; then the server ends that connection (57P01).
    let ended = 0;
    for (let tries = 0; ended === 0 && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const [row] = await db.sql(
        `SELECT COUNT(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = '${name}' AND wait_event_type = 'Lock'`,
      );
      ended = Number(row?.n);
    }
    expect(ended).toBe(1);
    expect(await delivered).toEqual({ delivered: 2, deadLettered: 0 });
    await h.output.close();
    expect(h.retries).toBe(1);
    expect(h.deadLetters).toEqual([]);
    expect(await rows()).toEqual([
      ["1", "a", null],
      ["2", "b", null],
    ]);
  });

  it("retries a COPY batch the server chose as a deadlock's victim (40P01); the retry writes its rows", async () => {
    await db.sql(`INSERT INTO ${table} (id, name) VALUES (1, 'old'), (2, 'old')`);
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    // The holder waits long before checking for a deadlock, so the output's backend is the one that finds it.
    await holder.query("SET deadlock_timeout = '60s'");
    await holder.query("BEGIN");
    await holder.query(`UPDATE ${table} SET name = 'holder' WHERE id = 2`);
    const name = `cannectors-deadlock-${process.pid}-${Date.now()}`;
    const options = encodeURIComponent("-c deadlock_timeout=3s");
    const url = `${db.url}${db.url.includes("?") ? "&" : "?"}application_name=${name}&options=${options}`;
    const h = sqlOutput(
      { connection: url, table, mode: "upsert", key: ["id"], bulk: "copy" },
      { onRetry: () => void holder.query("COMMIT").then(() => holder.end()) },
    );
    // The merge locks row 1, then waits for row 2; the holder then waits for row 1: a deadlock.
    const delivered = h.output.deliver(records({ id: 1, name: "a" }, { id: 2, name: "b" }));
    for (let tries = 0; tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const waiting = await db.sql(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = '${name}' AND wait_event_type = 'Lock'`,
      );
      if (waiting.length > 0) break;
    }
    const holderWaits = holder.query(`UPDATE ${table} SET name = 'holder' WHERE id = 1`);
    expect(await delivered).toEqual({ delivered: 2, deadLettered: 0 });
    await holderWaits;
    await h.output.close();
    expect(h.retries).toBe(1);
    expect(h.logger.entries.find((e) => e.message === "sql write failed, retrying")?.fields?.reason).toMatch(
      /deadlock/,
    );
    expect(await rows()).toEqual([
      ["1", "a", null],
      ["2", "b", null],
    ]);
  });

  it.each(["copy", "statements"])(
    "retries a batch the server fails with a serialization failure (40001) twice; every row lands once (bulk: %s)",
    async (bulk) => {
      // The server raises SQLSTATE 40001 at the end of the first two merge/INSERT statements, after
      // their rows went in: the rollback must take those rows away, the retry write them once. A
      // sequence counts the attempts, since nextval() is the one thing a rollback does not undo.
      const attempts = db.table("attempts");
      const fail = db.table("fail_serialization");
      await db.sql(`CREATE SEQUENCE ${attempts}`);
      await db.sql(
        `CREATE FUNCTION ${fail}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF nextval('${attempts}') <= 2 THEN RAISE EXCEPTION 'could not serialize access due to read/write dependencies among transactions' USING ERRCODE = '40001'; END IF; RETURN NULL; END $$`,
      );
      await db.sql(`CREATE TRIGGER fail_twice AFTER INSERT ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fail}()`);
      const h = sqlOutput({ connection: db.url, table, mode: "upsert", key: ["id"], bulk });
      const result = await h.output.deliver(
        records(
          { id: 1, name: "a", amount: new ExactNumber("123456789012345678901234.0000000001") },
          { id: 2, name: "b", amount: null },
        ),
      );
      await h.output.close();
      expect(result).toEqual({ delivered: 2, deadLettered: 0 });
      expect(h.retries).toBe(2);
      expect(h.deadLetters).toEqual([]);
      const retried = h.logger.entries.filter((e) => e.message === "sql write failed, retrying");
      expect(retried.map((e) => e.fields?.reason)).toEqual([
        expect.stringMatching(/could not serialize/),
        expect.stringMatching(/could not serialize/),
      ]);
      expect(h.logger.entries.some((e) => e.message.startsWith("batch refused"))).toBe(false);
      const [{ n }] = (await db.sql(`SELECT last_value::int AS n FROM ${attempts}`)) as [{ n: number }];
      // Two failed attempts, then one that commits: one statement each (both rows have the same columns).
      expect(n).toBe(3);
      expect(await rows()).toEqual([
        ["1", "a", "123456789012345678901234.0000000001"],
        ["2", "b", null],
      ]);
    },
  );

  it("dry run: prints statements and bound values, connects to nothing, masks the URL", async () => {
    const lines: string[] = [];
    const secret = "postgres://u:pw-very-secret@127.0.0.1:1/none";
    const h = sqlOutput(
      { connection: secret, table: "crm.clients", mode: "upsert", key: ["id"] },
      { dryRun: createDryRunWriter((line) => lines.push(line), plainRedactor([secret])), secrets: [secret] },
    );
    const result = await h.output.deliver(
      records({ id: 7, name: "x", amount: new ExactNumber("0.10000000000000000001") }),
    );
    await h.output.close();
    expect(result).toEqual({ delivered: 1, deadLettered: 0 });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        method: "SQL",
        url: "postgres table crm.clients",
        headers: {},
        body: {
          statement:
            'INSERT INTO "crm"."clients" ("id", "name", "amount") VALUES ($1, $2, $3) ON CONFLICT ("id") DO UPDATE SET "name" = excluded."name", "amount" = excluded."amount"',
          values: [7, "x", "0.10000000000000000001"],
        },
      },
    ]);
    expect(lines.join("")).not.toContain("pw-very-secret");
  });

  it("dry run of the COPY path: the staging table, the COPY and the merge, in that order", async () => {
    const lines: string[] = [];
    const h = sqlOutput(
      { connection: db.url, table, mode: "upsert", key: ["id"], bulk: "copy" },
      { dryRun: createDryRunWriter((line) => lines.push(line), plainRedactor([])) },
    );
    await h.output.deliver(records({ id: 1, name: "a" }, { id: 2, name: "b" }));
    await h.output.close();
    const statements = lines.map((l) => JSON.parse(l).body.statement as string);
    expect(statements.map((s) => s.split(" ").slice(0, 2).join(" "))).toEqual([
      "CREATE TEMP",
      expect.stringMatching(/^COPY "cannectors_stage_[0-9a-f]{8}"$/),
      "INSERT INTO",
    ]);
    expect(JSON.parse(lines[1]!).body.values).toEqual([1, "a", 2, "b"]);
  });
});
