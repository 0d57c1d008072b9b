/**
 * `lookup(map, key)`: value or null; `lookup(map, key, default)`. Numeric keys are matched by their
 * decimal text, since JSON object keys are always strings. Only own keys count, so
 * `lookup(m, "constructor")` is null rather than Object's constructor.
 */
export function lookup(map: unknown, key: unknown, fallback: unknown = null): unknown {
  const name =
    typeof key === "string" ? key : typeof key === "number" || typeof key === "bigint" ? String(key) : undefined;
  if (map instanceof Map) {
    const value = map.has(key) ? map.get(key) : name !== undefined && map.has(name) ? map.get(name) : undefined;
    return value ?? fallback;
  }
  if (name === undefined || typeof map !== "object" || map === null || Array.isArray(map)) return fallback;
  if (!Object.hasOwn(map, name)) return fallback;
  return (map as Record<string, unknown>)[name] ?? fallback;
}
