import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, usableDialects } from "../../test/support/sql-databases.js";
import { decodeJson, ExactNumber, stringifyJson } from "../json/index.js";
import { int8Value, jsonbValue, postgresPool } from "./postgres-pool.js";

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

  it("jsonb, json and int8 columns come out exact: big and long numbers, text with digits", async () => {
    const pool = postgresPool({ url: db.url, max: 1 });
    const [row] = await pool.session((s) =>
      s.query(
        `SELECT '{"big": 123456789012345678901234567890, "d": 0.10000000000000000000001, "tags": ["vip", "tier1"]}'::jsonb AS doc, '["a", "b"]'::jsonb AS tags, '{"k": 12345678901234567890, "s": "a1"}'::json AS j, 9223372036854775807::int8 AS big, 42::int8 AS small`,
      ),
    );
    await pool.close();
    expect(stringifyJson(row)).toBe(
      '{"doc":{"d":0.10000000000000000000001,"big":123456789012345678901234567890,"tags":["vip","tier1"]},"tags":["a","b"],"j":{"k":12345678901234567890,"s":"a1"},"big":9223372036854775807,"small":42}',
    );
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

describe("PostgreSQL column values: the JSON.parse shortcut for jsonb loses nothing", () => {
  // Each decoded as decodeJson decodes it (compared as exact JSON text: ExactNumber keeps its digits privately).
  const same = (text: string) =>
    expect(stringifyJson(jsonbValue(text))).toBe(stringifyJson(decodeJson(text, { maxDepth: 256 }).value));

  it("takes JSON.parse only for text with no number, short enough to nest within the limit", () => {
    for (const text of [
      '["vip", "tier1"]',
      '{"a": "x, 1", "b": {"c": null, "d": true}}',
      "123456789012345678901234567890",
      "-0.1000000000000000000000000001",
      '{"n": 12345678901234567890123, "tag": "t"}',
      "[9007199254740993, 1.5]",
      '{"a": [\n  -12345678901234567890.123456789\n]}',
      `${"[".repeat(256)}${"]".repeat(256)}`,
      `${"[".repeat(257)}${"]".repeat(257)}`,
      `${"[".repeat(300)}${"]".repeat(300)}`,
      `{"s": "${"x".repeat(600)}"}`,
    ])
      same(text);
    expect(jsonbValue("123456789012345678901234567890")).toEqual(new ExactNumber("123456789012345678901234567890"));
    expect(jsonbValue("[9007199254740993]")).toEqual([9_007_199_254_740_993n]);
  });

  it("int8 text: a double up to 15 characters, BigInt beyond 2^53", () => {
    expect(int8Value("-999999999999999")).toBe(-999_999_999_999_999);
    expect(int8Value("9007199254740993")).toBe(9_007_199_254_740_993n);
    expect(int8Value("-9223372036854775808")).toBe(-9_223_372_036_854_775_808n);
  });
});
