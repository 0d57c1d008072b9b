import { ExactNumber } from "../../json/exact-number.js";
import { isPlainObject as isObject, type JsonRecord, parsePath, readPath } from "../../json/path.js";

/** A JSON object; an exact number (json/exact-number.ts) is an object to JavaScript only. */
const isPlainObject = (value: unknown): value is JsonRecord => isObject(value) && !(value instanceof ExactNumber);

/** The records of one delivery: the value at `records` (or the body), an object being one record. */
export function recordsOf(body: unknown, records: string | undefined): JsonRecord[] | string {
  const value = records === undefined ? body : readPath(body, parsePath(records));
  if (isPlainObject(value)) return [value];
  if (Array.isArray(value) && value.every(isPlainObject)) return value;
  const where = records === undefined ? "the body" : `input.records (${records})`;
  return `${where} is not an object or an array of objects`;
}
