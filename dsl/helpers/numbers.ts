import { parseIntStrict, parseNumber as libParseNumber } from "../../runtime/expr/library/numbers.js";

/** Decimal text to a number; "", "1,5" and "NaN" are errors. Lowered to `parseNumber`. */
export function parseNumber(value: string | number): number {
  return libParseNumber(value);
}

/** Strict: "42" is 42, "4.2" and "42abc" are errors. Lowered to `parseInt`. */
export function parseInteger(value: string | number): number {
  return Number(parseIntStrict(value));
}
