import { exactNumber } from "../json/parse-exact.js";

/**
 * A number the driver hands over as text (PostgreSQL int8 and numeric, MySQL DECIMAL and BIGINT)
 * as the record's number: a JS number when a double holds it exactly, else BigInt or ExactNumber,
 * as the JSON decoder reads numbers. `NaN` and `Infinity` (numeric allows them) stay text.
 */
export function exactFromText(text: string): unknown {
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return text;
  return exactNumber(text, /[.eE]/.test(text));
}

/** A row's value as a record field: dates as ISO text, bytes as base64, numbers exact. */
export function recordValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (typeof value === "bigint") return exactFromText(value.toString());
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}
