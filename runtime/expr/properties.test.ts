import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression } from "./index.js";

const toCents = compileExpression("toCents(record.amount)", ["record"]);
const fromCents = compileExpression("fromCents(record.cents)", ["record"]);
const roundTrip = compileExpression("toCents(fromCents(record.cents))", ["record"]);

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.integer({ min: 0, max: 99 }))
  .map(([negative, whole, fraction]) => `${negative ? "-" : ""}${whole}.${String(fraction).padStart(2, "0")}`);

describe("money properties", () => {
  it("fromCents(toCents(s)) gives back the canonical decimal text", () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const cents = toCents({ record: { amount: text } });
        const canonical = /^-0\.00$/.test(text) ? "0.00" : text;
        expect(fromCents({ record: { cents } })).toBe(canonical);
      }),
    );
  });

  it("toCents(fromCents(n)) == n for every safe integer", () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (cents) => {
        expect(roundTrip({ record: { cents } })).toBe(cents);
      }),
    );
  });

  it("toCents of a 2-decimal number equals the exact decimal value", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (cents) => {
        expect(toCents({ record: { amount: cents / 100 } })).toBe(cents);
      }),
    );
  });
});

describe("determinism", () => {
  const expr = compileExpression(
    'concat(round(record.x, 2), "|", formatDate(fromUnix(record.t), "yyyy-MM-dd HH:mm:ss"), "|", lookup(record.m, "k", 0))',
    ["record"],
  );
  it("the same input always gives the same output", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.dictionary(fc.string(), fc.integer()),
        (x, t, m) => {
          const record = { x, t, m };
          expect(expr({ record })).toBe(expr({ record: structuredClone(record) }));
        },
      ),
    );
  });
});
