import { type Decimal, formatDecimal, parseDecimal } from "../../expr/library/decimal.js";
import { ExactNumber } from "../../json/exact-number.js";

/** A running sum in exact decimal: coefficient × 10^-scale, held in BigInt. */
export interface ExactSum {
  value: bigint;
  scale: number;
}

export const emptySum = (): ExactSum => ({ value: 0n, scale: 0 });

/** The value as an exact decimal, or throws saying why it is not a number. */
export function decimalOf(value: unknown): Decimal {
  return parseDecimal("sum", value instanceof ExactNumber ? value.text : value);
}

export function addDecimal(sum: ExactSum, decimal: Decimal): void {
  const signed = decimal.negative ? -decimal.coefficient : decimal.coefficient;
  if (decimal.scale > sum.scale) {
    sum.value = sum.value * 10n ** BigInt(decimal.scale - sum.scale) + signed;
    sum.scale = decimal.scale;
  } else {
    sum.value += signed * 10n ** BigInt(sum.scale - decimal.scale);
  }
}

/**
 * The sum as a JSON number written exactly: a safe integer as a number, anything else as an
 * ExactNumber (its text is what the output writes: "40.10" stays "40.10", never 40.099999…).
 */
export function sumValue(sum: ExactSum): number | ExactNumber {
  const negative = sum.value < 0n;
  const text = formatDecimal({ negative, coefficient: negative ? -sum.value : sum.value, scale: sum.scale });
  if (sum.scale === 0 && sum.value >= BigInt(Number.MIN_SAFE_INTEGER) && sum.value <= BigInt(Number.MAX_SAFE_INTEGER)) {
    return Number(sum.value);
  }
  return new ExactNumber(text);
}
