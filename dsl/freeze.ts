/** The object without its undefined-valued keys, frozen: IR nodes carry only what was written. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) out[key] = field;
  }
  return Object.freeze(out) as T;
}

/**
 * A frozen copy of plain data (objects and arrays, recursively); functions, frozen objects (nodes,
 * refs) and class instances are kept as they are. Builders copy what callers pass so that
 * mutating an options object later cannot change a connector already built.
 */
export function frozenCopy<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) out[key] = frozenCopy(field);
  }
  return Object.freeze(out) as T;
}
