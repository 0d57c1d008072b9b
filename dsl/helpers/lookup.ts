import { lookup as libLookup } from "../../runtime/expr/library/lookup.js";

/** The user's own lookup table: any keys, any JSON values. */
type Table = Readonly<Record<string, unknown>>;

/** The table's value for a key the table may lack: that key's value, or null when absent. */
type Found<T extends Table, K> = K extends keyof T ? T[K] : T[keyof T] | null;

/**
 * `lookup(TABLE, record.status)`: the value under the key, or null (or `fallback`) when the
 * table has no such key. The table is usually a module-level `as const` object, folded into the artifact.
 */
export function lookup<const T extends Table, K extends string | number>(table: T, key: K): Found<T, K>;
export function lookup<const T extends Table, K extends string | number, F>(
  table: T,
  key: K,
  fallback: F,
): Exclude<Found<T, K>, null> | F;
export function lookup(table: Table, key: string | number, fallback: unknown = null): unknown {
  return libLookup(table, key, fallback);
}
