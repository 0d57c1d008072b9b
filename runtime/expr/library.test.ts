import { describe, expect, it } from "vitest";
import { compileExpression } from "./index.js";

interface Case {
  given: string;
  record?: Record<string, unknown>;
  want: unknown;
}

function run(source: string, record: Record<string, unknown> = {}): unknown {
  return compileExpression(source, ["record"])({ record });
}

const cases: Record<string, Case[]> = {
  strings: [
    { given: 'lower("AbC")', want: "abc" },
    { given: "upper(record.s)", record: { s: "éa" }, want: "ÉA" },
    { given: 'trim("  a b \\n")', want: "a b" },
    { given: 'split("a,b,,c", ",")', want: ["a", "b", "", "c"] },
    { given: 'split("", ",")', want: [""] },
    { given: 'join(["a", "b"], ", ")', want: "a, b" },
    { given: 'join(record.tags, "|")', record: { tags: ["x", 1, null, true] }, want: "x|1||true" },
    { given: 'join([], "-")', want: "" },
  ],
  concat: [
    { given: 'concat("a", "b")', want: "ab" },
    {
      given: 'concat(record.first, " ", record.last)',
      record: { first: "Ada", last: "Lovelace" },
      want: "Ada Lovelace",
    },
    { given: "concat(record.n, record.x, null, 3)", record: { n: 12.5, x: null }, want: "12.53" },
    { given: "concat(1e-7, 1e21, -0.5)", want: "0.00000011000000000000000000000-0.5" },
    { given: 'concat(true, "-", [1, 2], {"a": "b"})', want: 'true-[1,2]{"a":"b"}' },
    { given: 'concat(timestamp("2024-01-02T03:04:05Z"), "")', want: "2024-01-02T03:04:05.000Z" },
    { given: 'concat("1", "2", "3", "4", "5", "6", "7", "8")', want: "12345678" },
  ],
  numbers: [
    { given: 'parseInt("42")', want: 42 },
    { given: 'parseInt(" -7 ")', want: -7 },
    { given: "parseInt(record.n) + 1", record: { n: 41 }, want: 42 },
    { given: 'parseNumber("2.5") * 2', want: 5 },
    { given: 'parseNumber("-1e3")', want: -1000 },
    { given: "parseNumber(record.n)", record: { n: 3.25 }, want: 3.25 },
    { given: 'round("2.675", 2)', want: 2.68 },
    { given: "round(2.675, 2)", want: 2.68 },
    { given: 'round("-2.5", 0)', want: -3 },
    { given: 'round("2.4999", 0)', want: 2 },
    { given: "round(1.005, 2)", want: 1.01 },
    { given: 'round("0.0004", 2)', want: 0 },
    { given: 'round("12", 2)', want: 12 },
  ],
  money: [
    { given: 'toCents("12.3")', want: 1230 },
    { given: 'toCents("-0.05")', want: -5 },
    { given: 'toCents("12.340")', want: 1234 },
    { given: "toCents(record.amount)", record: { amount: 19.99 }, want: 1999 },
    { given: "toCents(7)", want: 700 },
    { given: 'toCents("1e2")', want: 10000 },
    { given: "fromCents(1230)", want: "12.30" },
    { given: "fromCents(-5)", want: "-0.05" },
    { given: "fromCents(0)", want: "0.00" },
    { given: "fromCents(record.c)", record: { c: 100001 }, want: "1000.01" },
    { given: 'fromCents(toCents("99.99"))', want: "99.99" },
  ],
  dates: [
    { given: 'parseDate("2024-03-01 10:20", "yyyy-MM-dd HH:mm")', want: "2024-03-01T10:20:00.000Z" },
    { given: 'parseDate("01/03/2024", "dd/MM/yyyy")', want: "2024-03-01T00:00:00.000Z" },
    { given: 'parseDate("20240301T102030.123", "yyyyMMddTHHmmss.SSS")', want: "2024-03-01T10:20:30.123Z" },
    { given: 'parseDate("2024-03-01T10:20:00+02:00", "iso")', want: "2024-03-01T08:20:00.000Z" },
    { given: 'parseDate("2024-03-01", "iso")', want: "2024-03-01T00:00:00.000Z" },
    { given: 'formatDate(parseDate("2024-03-01", "iso"), "dd.MM.yyyy")', want: "01.03.2024" },
    { given: 'formatDate("2024-03-01T23:30:00-01:00", "yyyy-MM-dd HH:mm:ss.SSS")', want: "2024-03-02 00:30:00.000" },
    { given: 'formatDate(timestamp("2024-01-02T03:04:05Z"), "iso")', want: "2024-01-02T03:04:05.000Z" },
    { given: "fromUnix(0)", want: "1970-01-01T00:00:00.000Z" },
    { given: "fromUnix(record.t)", record: { t: 1700000000.5 }, want: "2023-11-14T22:13:20.500Z" },
    { given: 'toUnix("2023-11-14T22:13:20.900Z")', want: 1700000000 },
    { given: "toUnix(fromUnix(1700000000))", want: 1700000000 },
    { given: 'parseDate("2024-03-01", "iso") + duration("1h")', want: "2024-03-01T01:00:00.000Z" },
  ],
  lookup: [
    { given: 'lookup({"a": 1}, "a")', want: 1 },
    { given: 'lookup({"a": 1}, "b")', want: null },
    { given: 'lookup({"a": 1}, "b", "none")', want: "none" },
    { given: "lookup(record.codes, record.k)", record: { codes: { "7": "seven" }, k: 7 }, want: "seven" },
    { given: 'lookup(record.codes, "constructor", "own keys only")', record: { codes: {} }, want: "own keys only" },
    { given: 'lookup(record.codes, "__proto__")', record: { codes: {} }, want: null },
  ],
  absent: [
    { given: 'default(record.missing, "n/a")', want: "n/a" },
    { given: 'default(record.a.b.c, "n/a")', record: { a: {} }, want: "n/a" },
    { given: 'default(record.a.b, "n/a")', record: { a: null }, want: "n/a" },
    { given: 'default(record.s, "n/a")', record: { s: "" }, want: "n/a" },
    { given: 'default(record.s, "n/a")', record: { s: null }, want: "n/a" },
    { given: 'default(record.s, "n/a")', record: { s: 0 }, want: 0 },
    { given: 'default(record.items[3], "none")', record: { items: [] }, want: "none" },
    { given: 'default(record.?x, "opt")', want: "opt" },
    { given: "coalesce(record.a, record.b)", record: { b: 2 }, want: 2 },
    { given: "coalesce(record.a, record.b, record.c)", record: { a: null, c: "c" }, want: "c" },
    { given: "coalesce(record.a, record.b)", want: null },
    { given: 'coalesce(record.a, "")', record: { a: null }, want: "" },
    { given: "has(record.a) ? 1 : 2", want: 2 },
  ],
  builtins: [
    { given: 'size(record.name) > 2 && record.name.startsWith("Ad")', record: { name: "Ada" }, want: true },
    { given: 'regexMatch(record.email, "^[^@]+@example\\\\.com$")', record: { email: "a@example.com" }, want: true },
    { given: 'regexMatch(record.email, "b@")', record: { email: "ab@example.com" }, want: true },
    { given: 'regexMatch(record.email, "^(a+)+$")', record: { email: `${"a".repeat(5000)}b` }, want: false },
    { given: 'record.tags.exists(t, t == "vip")', record: { tags: ["a", "vip"] }, want: true },
    { given: "record.items.map(i, i.qty * i.price)", record: { items: [{ qty: 2, price: 1.5 }] }, want: [3] },
  ],
};

describe("function library", () => {
  for (const [group, groupCases] of Object.entries(cases)) {
    it.each(groupCases)(`${group}: $given`, ({ given, record, want }) => {
      expect(run(given, record)).toEqual(want);
    });
  }
});

const errors: Array<{ given: string; record?: Record<string, unknown>; want: RegExp }> = [
  { given: 'parseInt("4.2")', want: /parseInt: "4\.2" is not an integer/ },
  { given: 'parseInt("12abc")', want: /not an integer/ },
  { given: "parseInt(4.5)", want: /4\.5 is not an integer/ },
  { given: 'parseInt("99999999999999999999")', want: /overflows a 64-bit int/ },
  { given: 'parseNumber("1,5")', want: /parseNumber: "1,5" is not a number/ },
  { given: 'parseNumber("")', want: /not a number/ },
  { given: 'toCents("12.345")', want: /toCents: "12\.345" has more than 2 decimals/ },
  { given: 'toCents("abc")', want: /not a decimal number/ },
  { given: "toCents(null)", want: /expected a number or a decimal string/ },
  { given: "fromCents(1.5)", want: /fromCents: expected an integer/ },
  { given: "round(1.5, 16)", want: /digits must be between 0 and 15/ },
  { given: 'parseDate("2024-02-30", "yyyy-MM-dd")', want: /is not a valid date/ },
  { given: 'parseDate("2024-13-01", "iso")', want: /is not a valid date/ },
  { given: 'parseDate("yesterday", "iso")', want: /not an ISO-8601 date/ },
  { given: 'parseDate("2024/03/01", "yyyy-MM-dd")', want: /does not match format/ },
  { given: 'formatDate("soon", "iso")', want: /formatDate: "soon" is not an ISO-8601 date/ },
  { given: 'formatDate(42, "iso")', want: /expected a timestamp or an ISO-8601 string/ },
  { given: 'fromUnix("x")', want: /fromUnix: expected seconds/ },
  { given: "lower(record.n)", record: { n: 1 }, want: /no matching overload/ },
  { given: 'join(record.s, ",")', record: { s: "x" }, want: /no matching overload|expected a list/ },
  { given: "record.missing", want: /No such key: missing/ },
  { given: "record.n % 0", record: { n: 3 }, want: /modulo by zero/ },
];

describe("function library errors", () => {
  it.each(errors)("$given fails", ({ given, record, want }) => {
    expect(() => run(given, record)).toThrowError(want);
  });
});
