import { LibraryError, quote } from "./library-error.js";

/**
 * Exact decimal arithmetic for money: a value is `coefficient × 10^-scale`, held in BigInt, so
 * "2.675" rounds to 2.68 and "0.1" + cents never meets binary floating point.
 * A JS number enters through its shortest round-trip text (2.675 → "2.675").
 */
export interface Decimal {
  negative: boolean;
  coefficient: bigint;
  scale: number;
}

const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;
const MAX_DIGITS = 400;

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

export function parseDecimal(functionName: string, value: unknown): Decimal {
  if (typeof value === "bigint") return { negative: value < 0n, coefficient: value < 0n ? -value : value, scale: 0 };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new LibraryError(functionName, `${value} is not a finite number`);
    return parseDecimalText(functionName, String(value));
  }
  if (typeof value === "string") return parseDecimalText(functionName, value.trim());
  throw new LibraryError(functionName, `expected a number or a decimal string, got ${quote(value)}`);
}

function parseDecimalText(functionName: string, text: string): Decimal {
  const match = DECIMAL_TEXT.exec(text);
  const whole = match?.[2] ?? "";
  const fraction = match?.[3] ?? "";
  if (!match || (whole === "" && fraction === "") || whole.length + fraction.length > MAX_DIGITS) {
    throw new LibraryError(functionName, `${quote(text)} is not a decimal number`);
  }
  const exponent = Number(match[4] ?? "0");
  let coefficient = BigInt(whole + fraction);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    if (-scale > MAX_DIGITS) throw new LibraryError(functionName, `${quote(text)} is too large`);
    coefficient *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (scale > MAX_DIGITS) throw new LibraryError(functionName, `${quote(text)} is too small`);
  return { negative: match[1] === "-" && coefficient !== 0n, coefficient, scale };
}

export function formatDecimal(decimal: Decimal): string {
  const digits = decimal.coefficient.toString();
  const sign = decimal.negative && decimal.coefficient !== 0n ? "-" : "";
  if (decimal.scale === 0) return sign + digits;
  const padded = digits.padStart(decimal.scale + 1, "0");
  const point = padded.length - decimal.scale;
  return `${sign}${padded.slice(0, point)}.${padded.slice(point)}`;
}

/** A number as plain decimal text, never in exponent notation (1e-7 → "0.0000001"). */
export function plainNumber(value: number): string {
  const text = String(value);
  if (!Number.isFinite(value) || !/e/i.test(text)) return text;
  return formatDecimal(parseDecimalText("concat", text));
}

export function checkInt64(functionName: string, value: bigint): bigint {
  if (value < INT64_MIN || value > INT64_MAX) throw new LibraryError(functionName, `${value} overflows a 64-bit int`);
  return value;
}
