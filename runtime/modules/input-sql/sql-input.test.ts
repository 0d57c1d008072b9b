import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, usableDialects } from "../../../test/support/sql-databases.js";
import type { SourcePage } from "../../engine/modules.js";
import { ExactNumber, stringifyJson } from "../../json/index.js";
import { fakeClock, plainRedactor, recordingLogger } from "../../net/testing.js";
import { SqlInput } from "./schema.js";
import { createSqlInput } from "./sql-input.js";

const DDL = {
  postgres: (t: string) =>
    `CREATE TABLE ${t} (id bigint PRIMARY KEY, updated_at timestamp(6) NOT NULL, amount numeric(40,10))`,
  mysql: (t: string) =>
    `CREATE TABLE ${t} (id bigint PRIMARY KEY, updated_at datetime(6) NOT NULL, amount decimal(40,10))`,
  sqlite: (t: string) => `CREATE TABLE ${t} (id INTEGER PRIMARY KEY, updated_at TEXT NOT NULL, amount TEXT)`,
};

function input(spec: Record<string, unknown>) {
  return createSqlInput(SqlInput.parse({ type: "sql", ...spec }), {
    connectorName: "from-db",
    client: undefined as never,
    logger: recordingLogger(),
    redactor: plainRedactor(),
    clock: fakeClock(),
    retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1, jitter: "none" },
    signal: new AbortController().signal,
  });
}

async function readAll(pages: AsyncGenerator<SourcePage>): Promise<SourcePage[]> {
  const out: SourcePage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const T1 = "2026-01-01 10:00:00.000001";
const T2 = "2026-01-01 10:00:00.000002";

describe.each(usableDialects())("sql input on $name", (dialect) => {
  let db: TestDatabase;
  let table: string;
  beforeEach(async () => {
    db = await dialect.fresh();
    table = db.table("items");
    await db.sql(DDL[dialect.name](table));
  });
  afterEach(() => db.dispose());

  it("reads a table incrementally in pages, ties on the column broken by the key, and resumes after the cursor", async () => {
    const rows: [number, string][] = [
      [3, T1],
      [1, T1],
      [2, T1],
      [5, T2],
      [4, T2],
    ];
    for (const [id, at] of rows) await db.sql(`INSERT INTO ${table} (id, updated_at) VALUES (?, ?)`, [id, at]);
    const spec = {
      connection: db.url,
      table,
      columns: ["id"],
      incremental: { column: "updated_at", key: "id" },
      pageSize: 2,
    };
    const pages = await readAll(input(spec).pages(undefined));
    expect(pages.map((p) => p.records.map((r) => (r as { id: unknown }).id))).toEqual([[1, 2], [3, 4], [5]]);
    // A run stopped after page 1 resumes at id 3, inside the tie on T1: nothing skipped, nothing twice.
    const resumed = await readAll(input(spec).pages(pages[0]!.cursor));
    expect(resumed.flatMap((p) => p.records.map((r) => (r as { id: unknown }).id))).toEqual([3, 4, 5]);
    await db.sql(`INSERT INTO ${table} (id, updated_at) VALUES (?, ?)`, [6, T2]);
    const later = await readAll(input(spec).pages(pages.at(-1)!.cursor));
    expect(later.flatMap((p) => p.records.map((r) => (r as { id: unknown }).id))).toEqual([6]);
    expect(pages.at(-1)!.cursor).toBe(stringifyJson([T2, 5]));
  });

  it("runs a parametrised query with bound values; big and decimal numbers come out exact", async () => {
    await db.sql(`INSERT INTO ${table} (id, updated_at, amount) VALUES (?, ?, ?)`, [
      "9007199254740993",
      T1,
      "12345678901234567890.1234567891",
    ]);
    await db.sql(`INSERT INTO ${table} (id, updated_at, amount) VALUES (?, ?, ?)`, [7, T2, "0.5"]);
    const p = dialect.name === "postgres" ? "$1" : "?";
    const quote = "x' OR '1'='1"; // spliced, this would match every row
    const pages = await readAll(
      input({
        connection: db.url,
        query: `SELECT id, amount FROM ${table} WHERE updated_at = ${p} OR CAST(${dialect.name === "postgres" ? "$2" : "?"} AS CHAR(40)) = 'y' ORDER BY id`,
        params: [T1, quote],
      }).pages(undefined),
    );
    const records = pages.flatMap((page) => page.records);
    expect(records).toHaveLength(1);
    const [only] = records as { id: unknown; amount: unknown }[];
    expect(only!.id).toBe(9_007_199_254_740_993n);
    const amount = only!.amount;
    expect(amount instanceof ExactNumber ? amount.text.replace(/0+$/, "") : amount).toBe(
      "12345678901234567890.1234567891",
    );
  });
});
