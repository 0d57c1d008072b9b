import { describe, expect, it } from "vitest";
import { celWords } from "./cel-words.js";

const CASES: [string, string][] = [
  ['record.status != "inactive"', '`status` is not "inactive"'],
  ["record.total >= 100", "`total` is at least 100"],
  ["record.a.b < 2.5", "`a.b` is less than 2.5"],
  ['record.x == "a" && record.y == true', '`x` is "a" and `y` is true'],
  ['record.x == "a" || record.y > 1 && has(record.z)', '`x` is "a" or (`y` is greater than 1 and `z` is present)'],
  ['record.country in ["FR", "DE"]', '`country` is one of "FR", "DE"'],
  ["!has(record.deleted_at)", "not (`deleted_at` is present)"],
  ['concat(record.first_name, " ", record.last_name)', 'the text `first_name` + " " + `last_name`'],
  ['coalesce(record.nick, record.name, "?")', 'the first present of `nick`, `name`, "?"'],
  [
    'concat(coalesce(record.first_name, ""), " ", record.last_name)',
    'the text `first_name` (or "" when absent) + " " + `last_name`',
  ],
  ["lower(trim(record.email))", "`email` without surrounding spaces in lower case"],
  [
    'lookup({"active": "STANDARD", "lead": "PROSPECT"}, record.status)',
    '`status` translated ("active" → "STANDARD", "lead" → "PROSPECT")',
  ],
  ['lookup({"a": 1}, record.k, 0)', '`k` translated ("a" → 1), otherwise 0'],
  ["toCents(record.balance)", "`balance` in cents (exact; more than 2 decimals is an error)"],
  [
    'formatDate(parseDate(record.created_at, "iso"), "yyyy-MM-dd")',
    '`created_at` read as a date ("iso") written as "yyyy-MM-dd"',
  ],
  ["int(record.amount)", "`amount` as an integer"],
  ['record.vip ? "GOLD" : "STANDARD"', 'if `vip` then "GOLD", otherwise "STANDARD"'],
  ['default(record.nick, "n/a")', '`nick`, or "n/a" when absent'],
  ['record.email.endsWith("@example.com")', '`email` ends with "@example.com"'],
  ["record.qty * record.price", "`qty` times `price`"],
  ["root.order_id", "`order_id` of the whole record"],
  // Outside the common shapes: the CEL itself.
  ["record.items.map(i, i.sku)", "`record.items.map(i, i.sku)`"],
  ["record.tags[0]", "`record.tags[0]`"],
  ["record.(", "`record.(`"],
];

describe("celWords", () => {
  it.each(CASES)("%s", (expression, words) => {
    expect(celWords(expression)).toBe(words);
  });
});
