/**
 * cel-js types an object by its `constructor` property, so a record with its own `constructor`
 * key ("Unsupported type: object") cannot be read at all. The same data as Maps (typed by
 * Map, whatever the keys) reads the same way. Only done after such a failure, so the common path
 * pays nothing.
 */
export function hasOwnConstructorKey(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some(hasOwnConstructorKey);
  if (value instanceof Map) return [...value.values()].some(hasOwnConstructorKey);
  if (Object.hasOwn(value, "constructor")) return true;
  return Object.values(value).some(hasOwnConstructorKey);
}

/** A copy where every object holding a `constructor` key is a Map; other values are shared. */
export function constructorKeysAsMaps(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !hasOwnConstructorKey(value)) return value;
  if (Array.isArray(value)) return value.map(constructorKeysAsMaps);
  const entries = Object.keys(value).map((key) => [
    key,
    constructorKeysAsMaps((value as Record<string, unknown>)[key]),
  ]);
  if (Object.hasOwn(value, "constructor")) return new Map(entries as [string, unknown][]);
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries)
    Object.defineProperty(out, key as string, { value: item, enumerable: true, writable: true, configurable: true });
  return out;
}
