import { LibraryError } from "./library-error.js";
import { plainNumber } from "./decimal.js";

/**
 * The text `concat` and `join` print for a value: null is empty, numbers never use exponent
 * notation, timestamps are ISO-8601 UTC, lists and maps are JSON.
 */
export function plainText(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return plainNumber(value);
    case "bigint":
    case "boolean":
      return String(value);
    case "undefined":
      return "";
    default:
      break;
  }
  if (value === null) return "";
  if (value instanceof Date) return isoString(value);
  try {
    return JSON.stringify(value, (_key, v: unknown) =>
      typeof v === "bigint" ? Number(v) : v instanceof Map ? Object.fromEntries(v) : v,
    );
  } catch (error) {
    throw new LibraryError("concat", `cannot print ${Object.prototype.toString.call(value)}: ${String(error)}`);
  }
}

export function isoString(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new LibraryError("formatDate", "invalid timestamp");
  return date.toISOString();
}
