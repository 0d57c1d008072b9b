/** Expressions and records the engines are compared on (equivalence of values, errors and cost). */
import fc from "fast-check";

/** The expressions of the examples, the tests and the bench connector, plus every compiled construct. */
export const EXPRESSIONS = [
  'record.status != "inactive"',
  "record.client_id",
  'concat(record.first_name, " ", record.last_name)',
  "lower(trim(record.email))",
  'lookup({"active": "STANDARD", "lead": "PROSPECT"}, record.status)',
  'lookup({"active": "STANDARD", "lead": "PROSPECT"}, record.status, "OTHER")',
  "toCents(record.balance)",
  'formatDate(parseDate(record.created_at, "iso"), "yyyy-MM-dd")',
  "toUnix(record.created_at)",
  'concat("CRM-", record.id)',
  'default(record.phone, "n/a")',
  'default(record.address.city, "unknown")',
  "coalesce(record.nickname, record.first_name, record.id)",
  "record.score >= 80",
  "record.score * 2 + 1",
  "record.score / 4 - record.id % 7",
  "-record.score",
  "!record.active",
  "record.active && record.score > 10",
  "record.active || record.score > 10",
  'record.score > 50 ? "high" : "low"',
  '"vip" in record.tags',
  "record.id in [1, 2, 3, 4]",
  '"city" in record.address',
  "has(record.phone)",
  "has(record.address.city)",
  'size(record.first_name) > 2 && record.first_name.startsWith("A")',
  'record.email.endsWith(".com") || record.email.contains("@")',
  "record.tags[0]",
  'record.address["city"]',
  "size(record.tags) + record.tags.size()",
  'record.first_name + " " + record.last_name',
  "record.id == record.score",
  "record.balance == record.credit_limit",
  "record.status == null",
  "[record.id, record.score, 1]",
  '{"name": record.first_name, "n": 1}',
  "7 / 2 + record.id",
  "record.id * 9223372036854775807",
  'join(record.tags, ",")',
  'split(record.email, "@")',
  "round(record.score, 1)",
  "fromCents(toCents(record.balance))",
  "parseInt(record.id) + 1",
  "upper(record.address.city)",
  "default(record.phone, record.nickname)",
  'formatDate(record.created_at, "dd/MM/yyyy HH:mm:ss.SSS")',
  'formatDate(parseDate(record.created_at, "yyyy-MM-dd"), "iso")',
  "record.active ? record.id : record.score",
  'record.status == "active" || record.id == 3',
  '"lead" != record.status && has(record.email)',
];

const scalar = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("active", "inactive", "lead", "", "vip", "12.30", "-0.5", "2024-02-29T10:00:00Z", "a@b.com"),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom("city", "zip", "constructor"), scalar) },
);
const FIELDS = [
  "id",
  "status",
  "first_name",
  "last_name",
  "nickname",
  "email",
  "balance",
  "credit_limit",
  "created_at",
  "phone",
  "address",
  "score",
  "active",
  "tags",
  "client_id",
] as const;
export const record = fc.record(Object.fromEntries(FIELDS.map((name) => [name, value])), { requiredKeys: [] });

/** Random expressions over the record's fields, most of them type-checking as dyn. */
const STRINGS = ["", "active", "vip", 'a"b', "${x}", "iso", "yyyy-MM-dd", "2024-02-29T10:00:00Z", "12.30"];
export const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...FIELDS.map((f) => `record.${f}`), "record.address.city", "record.tags[0]"),
    fc.constantFrom(...STRINGS).map((text) => JSON.stringify(text)),
    fc.constantFrom("0", "1", "-3", "2.5", "true", "false", "null", "9223372036854775807"),
    fc.tuple(fc.constantFrom("!", "-"), tie("e")).map(([op, a]) => `${op}(${a})`),
    fc
      .tuple(
        tie("e"),
        fc.constantFrom("==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "&&", "||", "in"),
        tie("e"),
      )
      .map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([c, a, b]) => `(${c}) ? (${a}) : (${b})`),
    fc
      .tuple(fc.constantFrom("lower", "trim", "toCents", "toUnix", "size", "parseInt", "fromCents"), tie("e"))
      .map(([name, a]) => `${name}(${a})`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `concat(${a}, " ", ${b})`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `default(${a}, ${b})`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `coalesce(${a}, ${b})`),
    fc.tuple(tie("e"), fc.constantFrom('"iso"', '"yyyy-MM-dd"', '"HH:mm"')).map(([a, f]) => `formatDate(${a}, ${f})`),
    fc.tuple(tie("e"), fc.constantFrom('"iso"', '"yyyy-MM-dd"')).map(([a, f]) => `parseDate(${a}, ${f})`),
    tie("e").map((a) => `lookup({"active": "A", "lead": 2}, ${a}, "other")`),
    tie("e").map((a) => `[${a}, 1]`),
    fc.constantFrom(...FIELDS).map((f) => `has(record.${f})`),
  ),
})).e;
