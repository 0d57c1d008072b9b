import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utcFields } from "./civil.js";
import { dateFormatter, dateParser, formatDate, parseDate } from "./dates.js";
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

  const time = fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 });

  it("utcFields gives Date's getUTC* fields over Date's whole range", () => {
    const out: number[] = [];
    fc.assert(
      fc.property(time, (t) => {
        const d = new Date(t);
        utcFields(t, out);
        expect(out).toEqual([
          d.getUTCFullYear(),
          d.getUTCMonth() + 1,
          d.getUTCDate(),
          d.getUTCHours(),
          d.getUTCMinutes(),
          d.getUTCSeconds(),
          d.getUTCMilliseconds(),
        ]);
      }),
      { numRuns: 5000 },
    );
  });

  it("formatDate prints the getUTC* fields, padded", () => {
    const format = fc
      .array(fc.constantFrom("yyyy", "MM", "dd", "HH", "mm", "ss", "SSS", "-", "T", ":", ".", "/", " ", "Z", "at"), {
        maxLength: 8,
      })
      .map((tokens) => tokens.join(""));
    const reference = (d: Date, f: string) =>
      f
        .replace(/yyyy|SSS|MM|dd|HH|mm|ss/g, (token) => `\u0000${token}\u0000`)
        .split("\u0000")
        .map((part) => {
          const fields: Record<string, [number, number]> = {
            yyyy: [d.getUTCFullYear(), 4],
            SSS: [d.getUTCMilliseconds(), 3],
            MM: [d.getUTCMonth() + 1, 2],
            dd: [d.getUTCDate(), 2],
            HH: [d.getUTCHours(), 2],
            mm: [d.getUTCMinutes(), 2],
            ss: [d.getUTCSeconds(), 2],
          };
          const field = fields[part];
          return field ? String(field[0]).padStart(field[1], "0") : part;
        })
        .join("");
    fc.assert(
      fc.property(time, format, (t, f) => {
        const d = new Date(t);
        const want = reference(d, f);
        expect(formatDate(d, f)).toBe(want);
        expect(dateFormatter(f)(d)).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  it("parseDate with a fixed format reads as parseDate", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 24 }),
      fc.constantFrom("2024-02-29", "2023-02-29", "31/12/1999 23:59"),
    );
    const formats = ["iso", "yyyy-MM-dd", "dd/MM/yyyy HH:mm"];
    fc.assert(
      fc.property(text, fc.constantFrom(...formats), (t, f) => {
        expect(outcome(() => dateParser(f)(t))).toEqual(outcome(() => parseDate(t, f)));
      }),
      { numRuns: 2000 },
    );
  });
});
