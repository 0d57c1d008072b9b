import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeJson } from "./decode.js";
import { ExactNumber } from "./exact-number.js";
import { parseJsonExact } from "./parse-exact.js";
import { stringifyJson } from "./stringify.js";

const decode = (text: string, maxDepth = 64) => decodeJson(text, { maxDepth, sourceDepth: 1 });

/** JSON text with integers of any size and decimals of any precision, written as a server would. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
    fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 0n, max: 10n ** 30n })).map(
      ([whole, fraction]) => `${whole}.${fraction}`,
    ),
    fc.integer().map(String),
    fc.string().map((s) => JSON.stringify(s)),
    fc.constantFrom("true", "false", "null"),
    fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
    fc
      // Integer-like keys ("0") are listed first by every JavaScript object: keys here are not.
      .uniqueArray(fc.tuple(fc.string().map((key) => `k${key}`), tie("value")), {
        maxLength: 4,
        selector: ([key]) => key,
      })
      .map((members) => `{${members.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`),
  ),
})).value;

describe("decodeJson + stringifyJson", () => {
  it("write back every number byte-exact (integers of any size, decimals of any precision)", () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        // Decimals a double holds exactly may be normalised (1.50 → 1.5): compare against that form.
        const { value, problems } = decode(text);
        expect(problems).toEqual([]);
        const written = stringifyJson(value);
        expect(stringifyJson(decode(written).value)).toBe(written);
        expect(numbersOf(written).map(canonicalDecimal)).toEqual(numbersOf(text).map(canonicalDecimal));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps integers beyond 2^53 exact: BigInt within int64, ExactNumber beyond", () => {
    const { value } = decode('{"a":9007199254740993,"b":-9223372036854775808,"c":9223372036854775808,"d":7}');
    expect(value).toEqual({ a: 9007199254740993n, b: -9223372036854775808n, c: expect.any(ExactNumber), d: 7 });
    expect(stringifyJson(value)).toBe('{"a":9007199254740993,"b":-9223372036854775808,"c":9223372036854775808,"d":7}');
  });

  it("keeps decimals a double cannot hold as their text, and takes plain numbers for the rest", () => {
    const text = '[0.1000000000000000055511,1e400,1e-400,0.30000000000000004,1.0000000000000000,2.5]';
    expect(stringifyJson(decode(text).value)).toBe('[0.1000000000000000055511,1e400,1e-400,0.30000000000000004,1,2.5]');
  });

  it("reports a key given twice by its path, on the fast path's text too", () => {
    expect(decode('[{"id":1},{"id":2,"n":{"a":1,"a":2}}]').problems).toEqual([
      { kind: "duplicate-key", path: [1, "n", "a"], message: 'duplicate key "a"' },
    ]);
    expect(decode('{"a":"x:y","b":{"c":"\\":"}}').problems).toEqual([]);
  });

  it("skips a value nested deeper than maxDepth without recursion, keeping its text for the dead letter", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const parsed = decode(`[{"id":1},{"id":2,"deep":${deep}}]`, 10);
    expect(parsed.value).toEqual([{ id: 1 }, { id: 2, deep: expect.anything() }]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ message: "nested deeper than 10 levels" });
    expect(parsed.sources.get(parsed.problems[0]!)).toBe(`{"id":2,"deep":${deep}}`);
  });

  it("throws SyntaxError for text that is not JSON, on both paths", () => {
    for (const text of ['{"a":1', '{"a":12345678901234567890', "[1,]", '"\u0001"', "{'a':1}"]) {
      expect(() => decode(text), text).toThrow(SyntaxError);
    }
  });

  it("keeps a __proto__ key as an own field on both paths", () => {
    for (const text of ['{"__proto__":{"x":1}}', '{"__proto__":{"x":12345678901234567890}}']) {
      const value = decode(text).value as Record<string, unknown>;
      expect(Object.hasOwn(value, "__proto__")).toBe(true);
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    }
  });
});

describe("the cheap proof (member colons) against the exact parser", () => {
  // Texts built to fool it: keys given twice, blanks around colons, strings holding `":`, colons
  // followed by long digit runs, long numbers as member values and in lists.
  const blank = fc.constantFrom("", " ", "\n", "\t ", "\r\n");
  const tricky = fc.constantFrom('"x:1"', '"\\":"', '"a\\":12345678901234567"', '"10:42:53"', '": 99999999999999999"');
  const number = fc.oneof(
    fc.integer().map(String),
    fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
    fc.constantFrom("1e400", "0.10000000000000000555", "1.5", "-0", "2e-3"),
  );
  const text: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      number,
      tricky,
      fc.constantFrom("true", "null"),
      fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
      fc
        .array(fc.tuple(fc.constantFrom("a", "b", "c", "__proto__"), blank, blank, tie("value")), { maxLength: 4 })
        .map((members) => `{${members.map(([key, b1, b2, value]) => `"${key}"${b1}:${b2}${value}`).join(",")}}`),
    ),
  })).value;

  it("agrees with parse-exact.ts on every text: same value written back, same problems", () => {
    fc.assert(
      fc.property(text, (json) => {
        const fast = decode(json);
        const exact = parseJsonExact(json, { maxDepth: 64, sourceDepth: 1 });
        expect(fast.problems).toEqual(exact.problems);
        expect(stringifyJson(fast.value)).toBe(stringifyJson(exact.value));
      }),
      { numRuns: 2000 },
    );
  });
});

/** The number tokens of a JSON text (outside strings). */
function numbersOf(text: string): string[] {
  const withoutStrings = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return withoutStrings.match(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g) ?? [];
}

/** A decimal token's value as text: trailing fraction zeros and a -0 sign do not count. */
function canonicalDecimal(token: string): string {
  if (!token.includes(".")) return token === "-0" ? "0" : token;
  const trimmed = token.replace(/0+$/, "").replace(/\.$/, "");
  return /^-?0$/.test(trimmed) ? "0" : trimmed;
}

describe("bytes that were not UTF-8", () => {
  it("are reported for the string holding them, key or value, with the byte offset", () => {
    const text = '[{"a":"x\ufffd"},{"\ufffd":1},{"b":"\ufffd"}]';
    const invalid = { chars: [text.indexOf("x\ufffd") + 1, text.indexOf('"\ufffd"') + 1], bytes: [9, 19] };
    const { problems } = decodeJson(text, { maxDepth: 8, sourceDepth: 1, invalid });
    expect(problems).toEqual([
      { kind: "encoding", path: [0, "a"], message: "bytes that are not UTF-8 (byte 9 of the body)" },
      { kind: "encoding", path: [1, "\ufffd"], message: "bytes that are not UTF-8 (byte 19 of the body)" },
    ]);
  });
});
