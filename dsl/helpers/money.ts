import { fromCents as libFromCents, round as libRound, toCents } from "../../runtime/expr/library/money.js";

/** "12.30" → 1230, exactly (decimal arithmetic); more than two decimals is an error. Lowered to `toCents`. */
export function cents(amount: string | number): number {
  return Number(toCents(amount));
}

/** 1230 → "12.30". Lowered to `fromCents`. */
export function fromCents(cents: number | bigint): string {
  return libFromCents(cents);
}

/** Rounds half away from zero on the exact decimal value. Lowered to `round`. */
export function round(value: number | string, digits: number): number {
  return libRound(value, digits);
}
