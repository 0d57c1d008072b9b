import { isExactNumber, stringifyJson } from "../json/index.js";
import type { Dialect } from "./dialect.js";

/** A value as it is bound to a statement: never a float for a number a double does not hold. */
export type BoundValue = string | number | boolean | null;

/**
 * A record field as a bound parameter. Numbers go in as their exact text when a double would not
 * hold them (BigInt, ExactNumber): the database parses the digits, nothing rounds them on the way.
 * Objects and arrays go in as JSON text (json/jsonb columns). SQLite has no boolean: 1 or 0.
 */
export function bindValue(dialect: Dialect, value: unknown): BoundValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return dialect === "sqlite" ? (value ? 1 : 0) : value;
  if (isExactNumber(value)) return String(value);
  return stringifyJson(value);
}
