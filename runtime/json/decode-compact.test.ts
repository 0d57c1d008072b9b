import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeJson } from "./decode.js";
import { parseJsonExact } from "./parse-exact.js";
import { intDigits, shapeOf } from "./shape.js";
import { stringifyJson } from "./stringify.js";

const options = { maxDepth: 64, sourceDepth: 1 };

/** Number tokens built to fool a length proof: each a short token, a long one, or both for one double. */
const trickyNumber = fc.constantFrom(
  "0",
  "-0",
  "-0.0",
  "0e5",
  "1",
  "-1",
  "1.0",
  "1.10",
  "0.1",
  "0.5e1",
  "5e-1",
  "1E5",
  "1e5",
  "100000",
  "1e3",
  "1000",
  "12e2",
  "1200",
  "1.2e3",
  "100",
  "1e2",
  "10",
  "1e1",
  "9007199254740991",
  "-9007199254740991",
  "9007199254740992",
  "9007199254740993",
  "12345678901234567890",
  "1e20",
  "100000000000000000000",
  "1e21",
  "1e400",
  "-1e400",
  "1e-400",
  "4e-324",
  "5e-324",
  "1E-300",
  "1e-300",
  "0.30000000000000004",
  "0.30000000000000005",
  "1.2345678901234567",
  "123456789012345678901234567890",
  "2.5",
  "-7",
  "42",
);
const number = fc.oneof(
  { weight: 3, arbitrary: trickyNumber },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map(String) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: -400, max: 400 }), fc.boolean())
      .map(([mantissa, exponent, upper]) => `${mantissa}${upper ? "E" : "e"}${exponent}`),
  },
);
/** Strings as a server writes them, and strings holding numbers, colons, quotes and escapes. */
const string = fc.oneof(
  fc.string({ unit: "binary" }).map((s) => JSON.stringify(s)),
  fc.string({ unit: "grapheme" }).map((s) => JSON.stringify(s)),
  fc.constantFrom(
    '"12345678901234567890"',
    '"1e400"',
    '"10:42:53"',
    '"a\\":1"',
    '"\\u00e9"',
    '"é"',
    '"\\/"',
    '"\\\\"',
    '""',
    '"😀"',
    '"\\ud83d\\ude00"',
    '",\\"a\\":1"',
  ),
);
const key = fc.oneof(
  fc.constantFrom("a", "b", "", "__proto__", "0", "1", "01", "-0", "1e5", "toString", "é"),
  fc.string({ maxLength: 4 }),
);
const blank = fc.oneof({ weight: 8, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom(" ", "\n") });

/** JSON texts, mostly compact (the length proof's case), keys often given twice. */
const text: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    number,
    string,
    fc.constantFrom("true", "false", "null"),
    fc.tuple(fc.array(tie("value"), { maxLength: 5 }), blank).map(([items, b]) => `[${b}${items.join(`,${b}`)}]`),
    fc
      .tuple(fc.array(fc.tuple(key, tie("value")), { maxLength: 5 }), blank)
      .map(([members, b]) => `{${members.map(([k, value]) => `${JSON.stringify(k)}:${b}${value}`).join(",")}}`),
  ),
})).value;

describe("the length proof (shape.ts compactLength) against the exact parser", () => {
  it("agrees with parse-exact.ts on every text: the same value, the same problems", () => {
    let proven = 0;
    fc.assert(
      fc.property(text, (json) => {
        const fast = decodeJson(json, options);
        const exact = parseJsonExact(json, options);
        expect(fast.problems).toEqual(exact.problems);
        // toEqual tells -0 from 0 and a BigInt from a number; stringifyJson compares exact numbers.
        expect(fast.value).toEqual(exact.value);
        expect(stringifyJson(fast.value)).toBe(stringifyJson(exact.value));
        if (shapeOf(JSON.parse(json)).compactLength === json.length) proven++;
      }),
      { numRuns: 5000 },
    );
    // The proof does decide a good share of the texts (the rest go to the scans).
    expect(proven).toBeGreaterThan(500);
  });

  it("proves a compact page of records, as the peer bench's source writes it, without the scans", () => {
    const page = JSON.stringify({
      data: Array.from({ length: 50 }, (_, i) => ({
        id: `CUST-${i}`,
        name: i % 2 ? "Chloé Müller" : "José",
        created_at: "2024-01-02T03:04:05.678Z",
        address: { city: "Paris", postal_code: "75001" },
        tags: i % 3 ? ["vip", "beta"] : [],
        score: i * 7 - 100,
        verified: i % 2 === 0,
        notes: null,
      })),
      next_cursor: "abc",
    });
    expect(shapeOf(JSON.parse(page)).compactLength).toBe(page.length);
  });

  it.each([
    // A key given twice, whatever it holds: the dropped member is text the value does not account for.
    ['{"a":1,"a":2}', false],
    ['{"a":"","a":""}', false],
    // Blanks, longer forms of a number, escapes: each adds length, or takes the scans.
    ['{"a": 1}', false],
    ['{"a":1.0}', false],
    ['{"a":1000}', false],
    ['{"a":1e3}', true],
    // Shorter forms than the plain digits (1e3 for 1000) count as such: they cannot hide a key given twice.
    ['{"a":0,"a":1e3,"b":[1e3,1e3,1e3,1e3,1e3]}', false],
    ['{"a":0,"a":1000,"b":[1e3,1e3,1e3,1e3,1e3,1e3]}', false],
    ['{"a":-0}', true],
    ['{"a":"x\\"y"}', false],
    ['["\\u00e9"]', false],
    ["[9007199254740993]", false],
    ["[12345678901234567890]", false],
    ['{"a":[1,2,{"b":true,"c":null}],"d":"é"}', true],
  ])("%s: the length proof holds: %s", (json, holds) => {
    expect(shapeOf(JSON.parse(json)).compactLength === json.length).toBe(holds);
  });

  it("bounds every safe integer's tokens from below: its shortest plain and exponent forms", () => {
    expect([0, -0, 7, -7, 10, 100, 1000, 1200, -5000, 2 ** 53 - 1, 0.5, 2 ** 53, Number.NaN].map(intDigits)).toEqual([
      1, 2, 1, 2, 2, 3, 3, 4, 4, 16, -1, -1, -1,
    ]);
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 6 }), (n, shift) => {
        const value = Number.isSafeInteger(n * 10 ** shift) ? n * 10 ** shift : n;
        const plain = String(value);
        const digits = plain.replace("-", "").replace(/0+$/, "") || "0";
        const exponent = `${value < 0 ? "-" : ""}${digits}e${plain.length - (value < 0 ? 1 : 0) - digits.length}`;
        expect(intDigits(value)).toBeLessThanOrEqual(plain.length);
        if (value !== 0) expect(intDigits(value)).toBeLessThanOrEqual(exponent.length);
        expect(intDigits(value)).toBe(Math.min(plain.length, value === 0 ? Number.POSITIVE_INFINITY : exponent.length));
      }),
    );
  });
});
