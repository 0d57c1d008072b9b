import { isPlainObject, type JsonRecord, parsePath, readPath } from "../../json/path.js";

/** The records of one delivery: the value at `records` (or the body), an object being one record. */
export function recordsOf(body: unknown, records: string | undefined): JsonRecord[] | string {
  const value = records === undefined ? body : readPath(body, parsePath(records));
  if (isPlainObject(value)) return [value];
  if (Array.isArray(value) && value.every(isPlainObject)) return value;
  const where = records === undefined ? "the body" : `input.records (${records})`;
  return `${where} is not an object or an array of objects`;
}
