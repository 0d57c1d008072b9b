/**
 * Issue 19 item 4 for SQL outputs: the table is the contract. In a dry run the output reads the
 * table's columns from the database (information_schema, pragma_table_info) and checks each planned
 * row: an unknown column, a string into an integer column, a NOT NULL column without default left
 * empty each fail their record (exit 1), located; nothing is written. Real PostgreSQL, MariaDB, SQLite.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";
import { runYaml } from "../support/run-yaml.js";
import { type TestDatabase, usableDialects } from "../support/sql-databases.js";

const GOOD = { id: 1, full_name: "Ada", balance: 10 };
const RECORDS = [
  GOOD,
  { id: 2, full_name: "Alan", balance: "20" },
  { id: 3, balance: 5 },
  { id: 4, full_name: "Grace", nickname: "amazing" },
];
let source: TestServer;
let only: Record<string, unknown>[] = RECORDS;
beforeAll(async () => {
  source = await startServer((_req, res) => sendJson(res, 200, { items: only }));
});
afterAll(async () => {
  await source?.close();
});

describe.each(usableDialects())("sql output dry run: rows checked against the $name table", (dialect) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await dialect.fresh();
    await db.sql(
      `CREATE TABLE ${db.table("clients")} (id integer PRIMARY KEY, full_name varchar(100) NOT NULL, balance integer, note varchar(20) DEFAULT 'x' NOT NULL)`,
    );
  });
  afterEach(async () => {
    only = RECORDS;
    await db.dispose();
  });

  const yaml = () => `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: rows-checked }
input: { type: http, baseUrl: ${source.url}, path: /clients, records: items }
output:
  type: sql
  connection: "${db.url}"
  table: ${db.table("clients")}
`;

  it("an unknown column, a string into an integer column, a missing NOT NULL column: each its record's failure", async () => {
    const lines: string[] = [];
    const { summary } = await runYaml(yaml(), { dryRun: { write: (line) => lines.push(line) } });
    expect(summary.counts).toMatchObject({ read: 4, sent: 1, failed: 3 });
    const table = db.table("clients");
    expect(summary.contract?.spec).toBe(`table ${table}`);
    expect(summary.contract?.first.map((v) => [v.seq, v.pointer, v.message])).toEqual([
      [1, "/balance", expect.stringMatching(/^must be integer \(column type int/i)],
      [2, "/full_name", "is required (NOT NULL without default)"],
      [3, "/nickname", `is not a column of ${table}`],
    ]);
    // Every statement is still planned; nothing is written.
    expect(lines.length).toBeGreaterThan(0);
    expect(Number((await db.sql(`SELECT count(*) AS n FROM ${table}`))[0]!.n)).toBe(0);
  });

  it("rows the table accepts pass: no violation, the dry run succeeds", async () => {
    only = [GOOD, { id: 5, full_name: "Edsger", balance: null }];
    const { summary } = await runYaml(yaml(), { dryRun: { write: () => {} } });
    expect(summary.status).toBe("succeeded");
    expect(summary.contract).toMatchObject({ count: 0 });
  });
});
