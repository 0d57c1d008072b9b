import { checkInt64 } from "./decimal.js";
import { LibraryError, quote } from "./library-error.js";

const INTEGER_TEXT = /^[+-]?\d{1,20}$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Strict: "42" and 42 are ints, "4.2", "42abc" and 4.2 are errors (JS parseInt would truncate). */
export function parseIntStrict(value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    if (Number.isInteger(value)) return checkInt64("parseInt", BigInt(value));
    throw new LibraryError("parseInt", `${value} is not an integer`);
  }
  if (typeof value === "string") {
    const text = value.trim();
    if (INTEGER_TEXT.test(text)) return checkInt64("parseInt", BigInt(text));
  }
  throw new LibraryError("parseInt", `${quote(value)} is not an integer`);
}

/** Decimal text (or a number) to a double; "", "1,5", "NaN" and "Infinity" are errors. */
export function parseNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") {
    const text = value.trim();
    if (NUMBER_TEXT.test(text)) {
      const parsed = Number(text);
      if (Number.isFinite(parsed)) return parsed;
    }
  }
  throw new LibraryError("parseNumber", `${quote(value)} is not a number`);
}
