import { checkInt64, formatDecimal, parseDecimal } from "./decimal.js";
import { LibraryError, quote } from "./library-error.js";

/** "12.3" → 1230, "-0.05" → -5; "1.234" fails rather than silently losing a tenth of a cent. */
/**
 * The common shape, "-1234.5" (at most 13 integer digits, 2 decimals), read without regex or
 * BigInt arithmetic: exact in doubles, as it stays below 2^53 cents. Undefined for anything else.
 */
function plainCents(text: string): number | undefined {
  const negative = text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  let whole = 0;
  const wholeStart = i;
  for (; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  const wholeDigits = i - wholeStart;
  if (wholeDigits === 0 || wholeDigits > 13) return undefined;
  let fraction = 0;
  if (i < text.length) {
    const decimals = text.length - i - 1;
    if (text.charCodeAt(i) !== 46 || decimals < 1 || decimals > 2) return undefined;
    for (let k = i + 1; k < text.length; k++) {
      const digit = text.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) return undefined;
      fraction = fraction * 10 + digit;
    }
    if (decimals === 1) fraction *= 10;
  }
  const cents = whole * 100 + fraction;
  return negative ? -cents : cents;
}

export function toCents(value: unknown): bigint {
  const plain = typeof value === "string" ? plainCents(value) : undefined;
  if (plain !== undefined) return BigInt(plain);
  const decimal = parseDecimal("toCents", value);
  let cents: bigint;
  if (decimal.scale <= 2) {
    cents = decimal.coefficient * 10n ** BigInt(2 - decimal.scale);
  } else {
    const divisor = 10n ** BigInt(decimal.scale - 2);
    if (decimal.coefficient % divisor !== 0n) {
      throw new LibraryError("toCents", `${quote(value)} has more than 2 decimals`);
    }
    cents = decimal.coefficient / divisor;
  }
  return checkInt64("toCents", decimal.negative ? -cents : cents);
}

/** 1230 → "12.30", -5 → "-0.05". */
export function fromCents(value: unknown): string {
  const cents = integralBigInt("fromCents", value);
  const negative = cents < 0n;
  return formatDecimal({ negative, coefficient: negative ? -cents : cents, scale: 2 });
}

/** Rounds half away from zero on the exact decimal value, then returns the nearest double. */
export function round(value: unknown, digits: unknown): number {
  const places = Number(integralBigInt("round", digits));
  if (places < 0 || places > 15) throw new LibraryError("round", `digits must be between 0 and 15, got ${places}`);
  const decimal = parseDecimal("round", value);
  let coefficient = decimal.coefficient;
  let scale = decimal.scale;
  if (scale > places) {
    const divisor = 10n ** BigInt(scale - places);
    const remainder = coefficient % divisor;
    coefficient /= divisor;
    if (remainder * 2n >= divisor) coefficient += 1n;
    scale = places;
  }
  const result = Number(`${decimal.negative ? "-" : ""}${coefficient}e-${scale}`);
  return result === 0 ? 0 : result;
}

export function integralBigInt(functionName: string, value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^\s*[+-]?\d{1,20}\s*$/.test(value)) return BigInt(value.trim());
  throw new LibraryError(functionName, `expected an integer, got ${quote(value)}`);
}
