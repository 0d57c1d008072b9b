import { bail } from "./signals.js";

const MAX_INT = 9223372036854775807n;
const MIN_INT = -9223372036854775808n;

/**
 * The value itself when cel-js would type it as it does JSON (string, double, int, bool, null, list,
 * map; an int beyond int64 is the interpreter's error), mirroring its `constructor` test: a record with an own `constructor` key is left to cel-js.
 */
export function jsonLike(value: unknown): unknown {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "bigint":
      return int64(value);
    case "object": {
      if (value === null) return value;
      const kind = value.constructor;
      if (kind === Object || kind === undefined || kind === Array) return value;
      return bail();
    }
    default:
      return bail();
  }
}

/** A value cel-js treats as a map: a plain object, as its field access decides. */
export function isCelMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const kind = value.constructor;
  return kind === Object || kind === undefined;
}

export function int64InRange(value: bigint): boolean {
  return value <= MAX_INT && value >= MIN_INT;
}

/** CEL ints are 64-bit: an overflowing result is an error, which the interpreter reports. */
export function int64(value: bigint): bigint {
  return value > MAX_INT || value < MIN_INT ? bail() : value;
}
