import type { FieldRecord } from "../suggest/index.js";

/**
 * The value an absent source falls back to, by target type (none for objects): a list the source
 * does not have (or has as null) is a list of no items, which a non-nullable list field takes.
 */
export const ZERO: Record<string, string> = {
  string: '""',
  integer: "0",
  number: "0",
  boolean: "false",
  array: "[]",
};

export function baseType(type: string): string {
  return type.split("|")[0]!.replace(/^array<.*>$/, "array");
}

export function mayBeAbsent(path: string, fields: ReadonlyMap<string, FieldRecord>): boolean {
  const field = fields.get(path);
  return !field?.required || field.nullable === true || path.includes(".") || path.includes("[]");
}
