import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression } from "../compile.js";
import { environmentFor } from "../environment.js";
import { generateExpression } from "./codegen.js";
import { compileAst } from "./compile-ast.js";
import { ABSENT } from "./signals.js";

/** The expressions of the examples, the tests and the bench connector, plus every compiled construct. */
const EXPRESSIONS = [
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
const record = fc.record(Object.fromEntries(FIELDS.map((name) => [name, value])), { requiredKeys: [] });

type Outcome = { value: unknown } | { error: unknown };

/** Random expressions over the record's fields, most of them type-checking as dyn. */
const STRINGS = ["", "active", "vip", 'a"b', "${x}", "iso", "yyyy-MM-dd", "2024-02-29T10:00:00Z", "12.30"];
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
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

/** The compiled expression, or undefined when it does not parse or type-check. */
function compiles(source: string, engine: "compiled" | "closures" | "interpreter") {
  try {
    return compileExpression(source, ["record"], { engine });
  } catch {
    return undefined;
  }
}

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    return { error };
  }
}

describe("compiled expressions behave as the cel-js interpreter", () => {
  it.each(EXPRESSIONS)("%s compiles to closures", (source) => {
    expect(compileAst(environmentFor(["record"]).parse(source).ast)).toBeTypeOf("function");
  });

  it.each(EXPRESSIONS)("%s: same value, or the interpreter fails too", (source) => {
    const parsed = environmentFor(["record"]).parse(source);
    parsed.check();
    const fast = compileAst(parsed.ast)!;
    fc.assert(
      fc.property(record, (rec) => {
        const vars = { record: rec };
        const compiled = outcome(() => fast(vars));
        const interpreted = outcome(() => parsed(vars));
        if ("value" in compiled) {
          expect(interpreted).toEqual({ value: compiled.value });
        } else {
          // Compiled code may give up on a record the interpreter handles; it may never claim
          // a missing key (read as absent by default/coalesce) the interpreter does not report.
          if (compiled.error === ABSENT) expect(interpreted).toMatchObject({ error: { code: "no_such_key" } });
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each(EXPRESSIONS)("%s: compileExpression gives the interpreter's results and errors", (source) => {
    const compiled = compileExpression(source, ["record"]);
    const interpreted = compileExpression(source, ["record"], { engine: "interpreter" });
    fc.assert(
      fc.property(record, (rec) => {
        const a = outcome(() => compiled({ record: rec }));
        const b = outcome(() => interpreted({ record: rec }));
        if ("error" in a && "error" in b) expect(String(a.error)).toBe(String(b.error));
        else expect(a).toEqual(b);
      }),
      { numRuns: 100 },
    );
  });
});

describe("generated JavaScript behaves as the closures and the interpreter", () => {
  it.each(EXPRESSIONS)("%s is generated", (source) => {
    const parsed = environmentFor(["record"]).parse(source);
    expect(
      generateExpression(
        parsed.ast,
        () => undefined,
        (v) => v,
      ),
    ).toBeTypeOf("function");
  });

  /** A value the generated code returns without falling back is the closures' and the interpreter's. */
  it.each(EXPRESSIONS)("%s: a generated value is the closures' value", (source) => {
    const parsed = environmentFor(["record"]).parse(source);
    parsed.check();
    const FELL_BACK = Symbol("fell back");
    const generated = generateExpression(
      parsed.ast,
      () => FELL_BACK,
      (v) => v,
    )!;
    const closures = compileAst(parsed.ast)!;
    fc.assert(
      fc.property(record, (rec) => {
        const vars = { record: rec };
        const value = generated(vars);
        if (value === FELL_BACK) return;
        expect(outcome(() => closures(vars))).toEqual({ value });
        expect(outcome(() => parsed(vars))).toEqual({ value });
      }),
      { numRuns: 300 },
    );
  });

  it("random expressions on random records: generated == closures == interpreter", () => {
    fc.assert(
      fc.property(expression, fc.array(record, { minLength: 1, maxLength: 5 }), (source, records) => {
        const generated = compiles(source, "compiled");
        const closures = compiles(source, "closures");
        const interpreted = compiles(source, "interpreter");
        expect(generated === undefined).toBe(interpreted === undefined);
        if (generated === undefined || closures === undefined || interpreted === undefined) return;
        for (const rec of records) {
          const want = outcome(() => interpreted({ record: rec }));
          for (const got of [outcome(() => generated({ record: rec })), outcome(() => closures({ record: rec }))]) {
            if ("error" in got && "error" in want) expect(String(got.error)).toBe(String(want.error));
            else expect(got).toEqual(want);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
