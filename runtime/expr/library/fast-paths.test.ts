import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDate } from "./dates.js";
import { toCents } from "./money.js";

/**
 * The value, or the error message with its quoted input blanked (the two paths are fed different
 * spellings of one input): fast paths must fail exactly where, and as, the general path fails.
 */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return `error: ${(error as Error).message.replace(/"[^"]*"/g, '"…"')}`;
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

describe("library fast paths agree with the general paths", () => {
  // A lowercase "t" or a leading space sends the same text down the general (regex, BigInt) path.
  it("parseDate of canonical ISO text", () => {
    const isoText = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 61 }),
        fc.option(fc.integer({ min: 0, max: 999 })),
      )
      .map(([y, mo, d, h, mi, s, ms]) => {
        const fraction = ms === null ? "" : `.${pad(ms, 3)}`;
        return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${fraction}Z`;
      });
    fc.assert(
      fc.property(isoText, (text) => {
        const general = outcome(() => parseDate(text.replace("T", "t"), "iso"));
        expect(outcome(() => parseDate(text, "iso"))).toEqual(general);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(["2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "0099-01-01T00:00:00Z", "2024-01-01T24:00:00Z"])(
    "parseDate(%s)",
    (text) => {
      expect(outcome(() => parseDate(text, "iso"))).toEqual(outcome(() => parseDate(text.replace("T", "t"), "iso")));
    },
  );

  it("toCents of plain decimal text", () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,15}$/), fc.option(fc.stringMatching(/^\d{0,3}$/)))
      .map(([negative, whole, fraction]) => `${negative ? "-" : ""}${whole}${fraction === null ? "" : `.${fraction}`}`);
    fc.assert(
      fc.property(decimal, (text) => {
        expect(outcome(() => toCents(text))).toEqual(outcome(() => toCents(` ${text}`)));
      }),
      { numRuns: 2000 },
    );
  });
});
