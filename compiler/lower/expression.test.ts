import { describe, expect, it } from "vitest";
import { checkExpression } from "../../runtime/expr/index.js";
import { located, lowerIn } from "./test-support.js";

const HELPERS = `import { cents, cel, coalesce, concat, date, fromCents, join, lookup as lk, parseInteger, parseNumber, regexMatch, round, split } from "cannectors";
import * as cn from "cannectors";
const SEGMENTS = { active: "STANDARD", lead: "PROSPECT" } as const;
const MIN = 10;
const NEG = -2.5;
const TABLE = { a: "A", list: ["x", 1, true, null], nested: { k: SEGMENTS } } as const;
const ALIAS = TABLE;
`;

const cases: { given: string; want: string }[] = [
  // paths
  { given: "(c: R) => c.a", want: "record.a" },
  { given: "(c: R) => c.addr.city", want: "record.addr.city" },
  { given: "(c: R) => c.items[0].sku", want: "record.items[0].sku" },
  { given: '(c: R) => c["a"]', want: "record.a" },
  { given: '(c: Record<string, string>) => c["first-name"]', want: 'record["first-name"]' },
  { given: "(c: Record<string, string>) => c.in", want: 'record["in"]' },
  { given: "(c: R) => c.tags[c.n]", want: "record.tags[record.n]" },
  // optional chaining and ??
  { given: '(c: R) => c.opt?.x ?? "none"', want: 'coalesce(record.opt.x, "none")' },
  { given: "(c: R) => c.opt?.x", want: "coalesce(record.opt.x, null)" },
  { given: '(c: R) => c.opt?.x ?? c.a ?? "z"', want: 'coalesce(record.opt.x, record.a, "z")' },
  { given: '(c: R) => c.a ?? (c.s ?? "z")', want: 'coalesce(record.a, record.s, "z")' },
  { given: '(c: R) => (c.opt?.x ?? "") === "y"', want: 'coalesce(record.opt.x, "") == "y"' },
  // comparison and logic
  { given: '(c: R) => c.status !== "inactive"', want: 'record.status != "inactive"' },
  { given: '(c: R) => c.status === "x"', want: 'record.status == "x"' },
  { given: "(c: R) => c.n == 1", want: "record.n == 1" },
  { given: "(c: R) => c.n != 1", want: "record.n != 1" },
  { given: "(c: R) => (c.n < 1 && c.n >= 0) || !c.ok", want: "record.n < 1 && record.n >= 0 || !record.ok" },
  { given: "(c: R) => c.n > 1 && (c.ok || c.n <= 0)", want: "record.n > 1 && (record.ok || record.n <= 0)" },
  { given: "(c: R) => !(c.n > 1)", want: "!(record.n > 1)" },
  { given: "(c: R) => c.ok === (c.n > 1)", want: "record.ok == (record.n > 1)" },
  // arithmetic
  { given: "(c: R) => c.n + 1", want: "record.n + 1" },
  { given: "(c: R) => c.n * 2.5 - 1", want: "record.n * 2.5 - 1" },
  { given: "(c: R) => (c.n + 1) * 2", want: "(record.n + 1) * 2" },
  { given: "(c: R) => c.n - (c.b - 1)", want: "record.n - (record.b - 1)" },
  { given: "(c: R) => c.n / 2", want: "record.n / 2.0" },
  { given: "(c: R) => 7 / 2", want: "7.0 / 2.0" },
  { given: "(c: R) => c.n % 3", want: "record.n % 3" },
  { given: "(c: R) => -c.n", want: "-record.n" },
  { given: "(c: R) => -(c.n + 1)", want: "-(record.n + 1)" },
  // text
  { given: '(c: R) => c.first + " " + c.last', want: 'concat(record.first, " ", record.last)' },
  { given: "(c: R) => c.a + c.s", want: "concat(record.a, record.s)" },
  { given: "(c: R) => c.n + 1 + c.a", want: "concat(record.n + 1, record.a)" },
  { given: "(c: R) => `${c.first} ${c.last}`", want: 'concat(record.first, " ", record.last)' },
  { given: "(c: R) => `id-${c.n}`", want: 'concat("id-", record.n)' },
  { given: "(c: R) => `${c.a}`", want: 'concat(record.a, "")' },
  {
    given: "(c: R) => `${c.a}${c.a}${c.a}${c.a}${c.a}${c.a}${c.a}${c.a}${c.s}`",
    want: "concat(record.a, record.a, record.a, record.a, record.a, record.a, record.a, concat(record.a, record.s))",
  },
  // ternary
  { given: '(c: R) => c.ok ? "y" : "n"', want: 'record.ok ? "y" : "n"' },
  { given: '(c: R) => c.n > 1 ? "a" : c.n > 0 ? "b" : "c"', want: 'record.n > 1 ? "a" : record.n > 0 ? "b" : "c"' },
  { given: "(c: R) => (c.ok ? c.n : c.b) > 1", want: "(record.ok ? record.n : record.b) > 1" },
  // literals
  { given: '(c: R) => "a\\"b\\n\\\\\\u0001é"', want: '"a\\"b\\n\\\\\\u0001é"' },
  { given: "(c: R) => -5", want: "-5" },
  { given: "(c: R) => 1.5", want: "1.5" },
  { given: "(c: R) => 1e21", want: "1e+21" },
  { given: "(c: R) => 0x10", want: "16" },
  { given: "(c: R) => true", want: "true" },
  { given: "(c: R) => null", want: "null" },
  { given: '(c: R) => [1, "a", c.a]', want: '[1, "a", record.a]' },
  // string and list methods
  { given: "(c: R) => c.email.trim().toLowerCase()", want: "lower(trim(record.email))" },
  { given: "(c: R) => c.a.toUpperCase()", want: "upper(record.a)" },
  { given: '(c: R) => c.a.split(",")', want: 'split(record.a, ",")' },
  { given: '(c: R) => c.a.startsWith("x")', want: 'record.a.startsWith("x")' },
  { given: '(c: R) => c.a.endsWith("x")', want: 'record.a.endsWith("x")' },
  { given: '(c: R) => c.a.includes("x")', want: 'record.a.contains("x")' },
  { given: '(c: R) => c.tags.includes("vip")', want: '"vip" in record.tags' },
  { given: '(c: R) => !c.tags.includes("vip")', want: '!("vip" in record.tags)' },
  { given: "(c: R) => c.a.length", want: "size(record.a)" },
  { given: "(c: R) => c.tags.length > 0", want: "size(record.tags) > 0" },
  { given: "(c: { length: number }) => c.length", want: "record.length" },
  { given: '(c: R) => c.tags.join("|")', want: 'join(record.tags, "|")' },
  { given: "(c: R) => c.tags.join()", want: 'join(record.tags, ",")' },
  // globals
  { given: "(c: R) => Number(c.a)", want: "parseNumber(record.a)" },
  { given: "(c: R) => String(c.n)", want: "string(record.n)" },
  { given: "(c: R) => Math.round(c.n)", want: "round(record.n, 0)" },
  // helpers, recognised by import (aliases and namespace imports included)
  { given: "(c: R) => cents(c.balance)", want: "toCents(record.balance)" },
  { given: "(c: R) => fromCents(c.n)", want: "fromCents(record.n)" },
  {
    given: '(c: R) => date.format(date.parse(c.created, "iso"), "yyyy-MM-dd")',
    want: 'formatDate(parseDate(record.created, "iso"), "yyyy-MM-dd")',
  },
  { given: "(c: R) => date.toUnix(c.created)", want: "toUnix(record.created)" },
  { given: "(c: R) => date.fromUnix(c.n)", want: "fromUnix(record.n)" },
  {
    given: "(c: R) => lk(SEGMENTS, c.status)",
    want: 'lookup({"active": "STANDARD", "lead": "PROSPECT"}, record.status)',
  },
  { given: '(c: R) => lk({ vip: 1, "a b": 2 }, c.status, 0)', want: 'lookup({"vip": 1, "a b": 2}, record.status, 0)' },
  { given: "(c: R) => coalesce(c.opt?.x, c.a)", want: "coalesce(record.opt.x, record.a)" },
  { given: "(c: R) => round(c.n, 2)", want: "round(record.n, 2)" },
  { given: "(c: R) => parseNumber(c.a)", want: "parseNumber(record.a)" },
  { given: "(c: R) => parseInteger(c.a)", want: "parseInt(record.a)" },
  {
    given: '(c: R) => regexMatch(c.email, "@example\\\\.com$")',
    want: 'regexMatch(record.email, "@example\\\\.com$")',
  },
  { given: "(c: R) => concat(c.a, c.n)", want: "concat(record.a, record.n)" },
  { given: '(c: R) => join(c.tags, ";")', want: 'join(record.tags, ";")' },
  { given: '(c: R) => split(c.a, ";")', want: 'split(record.a, ";")' },
  {
    given: '(c: R) => cel<boolean>("record.a.matchesNothing == 1 || true")',
    want: "record.a.matchesNothing == 1 || true",
  },
  {
    given: '(c: R) => c.ok && cel<boolean>("record.n > 1 || record.b > 1")',
    want: "record.ok && (record.n > 1 || record.b > 1)",
  },
  { given: "(c: R) => cn.cents(c.balance)", want: "toCents(record.balance)" },
  { given: '(c: R) => cn.date.parse(c.created, "iso")', want: 'parseDate(record.created, "iso")' },
  // constant folding
  { given: "(c: R) => c.n > MIN", want: "record.n > 10" },
  { given: "(c: R) => c.n > NEG", want: "record.n > -2.5" },
  { given: "(c: R) => TABLE.a", want: '"A"' },
  { given: "(c: R) => ALIAS.list", want: '["x", 1, true, null]' },
  { given: "(c: R) => TABLE.nested.k.lead", want: '"PROSPECT"' },
  { given: "(c: R) => TABLE.list.length", want: "4" },
  {
    given: "(c: R) => SEGMENTS[c.status as keyof typeof SEGMENTS]",
    want: 'lookup({"active": "STANDARD", "lead": "PROSPECT"}, record.status)',
  },
  // block bodies and function expressions
  { given: "(c: R) => { return c.a; }", want: "record.a" },
  { given: "function (c: R) { return c.n > 1; }", want: "record.n > 1" },
];

describe("lowerLambda to CEL", () => {
  it.each(cases)("$given", ({ given, want }) => {
    const result = lowerIn(HELPERS, given, "expression");
    expect(located(result)).toEqual([]);
    expect(result.lowered).toEqual({ role: "expression", expr: want });
    // Everything the lowering emits must pass the runtime's own expression check.
    expect(checkExpression(want, ["record"])).toBeUndefined();
  });

  it("maps stopWhen's parameters to response and page", () => {
    const result = lowerIn(
      HELPERS,
      "(r: { status: number; body: { more: boolean } }, p: { number: number }) => r.status === 204 || !r.body.more || p.number >= MIN",
      "expression",
      ["response", "page"],
    );
    expect(result.lowered).toEqual({
      role: "expression",
      expr: "response.status == 204 || !response.body.more || page.number >= 10",
    });
  });
});
