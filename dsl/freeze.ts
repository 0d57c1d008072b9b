/** The object without its undefined-valued keys, frozen: IR nodes carry only what was written. */
export function compact<T extends object>(value: T): T {
  // Any node or options object passes through: the result is typed by T.
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
  // User data too (a body, labels): its keys are the user's; the result is typed by T.
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) out[key] = frozenCopy(field);
  }
  return Object.freeze(out) as T;
}
