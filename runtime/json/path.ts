/** Reads and writes dotted field paths (`data.items[0].id`), the FieldPath grammar of the artifact. */
export type JsonRecord = Record<string, unknown>;

/** `items[0].id` → ["items", 0, "id"]. Paths are already validated by the schema's FieldPath. */
export type PathSegment = string | number;

export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of path.split(".")) {
    const bracket = part.indexOf("[");
    segments.push(bracket === -1 ? part : part.slice(0, bracket));
    if (bracket === -1) continue;
    for (const match of part.slice(bracket).matchAll(/\[(\d+)\]/g)) segments.push(Number(match[1]));
  }
  return segments;
}

export function isPlainObject(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The value at `segments`, or undefined when any step is absent. Only own properties are read,
 * so `constructor` or `__proto__` in a path finds nothing rather than Object internals.
 */
export function readPath(value: unknown, segments: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(current) || segment >= current.length) return undefined;
      current = current[segment];
    } else {
      if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

/**
 * `readPath` for fixed segments, specialised once: a one- or two-name path (most map `from`s)
 * becomes a closure without a loop over segments. Same semantics as readPath.
 */
export function compilePathReader(segments: readonly PathSegment[]): (value: unknown) => unknown {
  const [first, second] = segments;
  if (segments.length === 1 && typeof first === "string") return (value) => ownField(value, first);
  if (segments.length === 2 && typeof first === "string" && typeof second === "string") {
    return (value) => {
      const middle = ownField(value, first);
      return middle === undefined ? undefined : ownField(middle, second);
    };
  }
  const copy = [...segments];
  return (value) => readPath(value, copy);
}

function ownField(value: unknown, key: string): unknown {
  return isPlainObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** Own data property, even for "__proto__" (plain assignment would set the prototype instead). */
export function defineField(target: JsonRecord, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * Writes `value` at a dotted target, creating objects on the way. An object already on the path
 * is copied before it is written into: it may belong to the input record or to another record.
 */
export function writePath(target: JsonRecord, segments: readonly string[], value: unknown): void {
  let current = target;
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) {
    const key = segments[i]!;
    const existing = Object.hasOwn(current, key) ? current[key] : undefined;
    const next: JsonRecord = isPlainObject(existing) ? copyRecord(existing) : {};
    defineField(current, key, next);
    current = next;
  }
  defineField(current, segments[last]!, value);
}

/** `writePath` for fixed segments; a plain one-name target becomes a single assignment. */
export function compilePathWriter(segments: readonly string[]): (target: JsonRecord, value: unknown) => void {
  const [only] = segments;
  if (segments.length === 1 && only !== undefined && only !== "__proto__") {
    return (target, value) => {
      target[only] = value;
    };
  }
  const copy = [...segments];
  return (target, value) => writePath(target, copy, value);
}

/** Shallow copy; spread defines "__proto__" keys as own fields, never as the prototype. */
export function copyRecord(record: JsonRecord): JsonRecord {
  return { ...record };
}

/** Deep copy of a JSON constant, so records built from it never share mutable state. */
export function cloneJson(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const out: JsonRecord = {};
  for (const key of Object.keys(value)) defineField(out, key, cloneJson((value as JsonRecord)[key]));
  return out;
}

/** `readPath` for a dotted path string. */
export function getPath(value: unknown, path: string): unknown {
  return readPath(value, parsePath(path));
}

/** A number at `path` (numeric strings accepted), or undefined. */
export function numberAt(value: unknown, path: string): number | undefined {
  const found = getPath(value, path);
  if (typeof found === "number" && Number.isFinite(found)) return found;
  if (typeof found === "string" && found.trim() !== "" && Number.isFinite(Number(found))) return Number(found);
  return undefined;
}

/** Builds the nested value holding `leaf` at `path`; index segments create arrays (holes become null). */
export function wrapAtPath(path: string, leaf: unknown): unknown {
  const segments = parsePath(path);
  let result: unknown = leaf;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i]!;
    if (typeof segment === "number") {
      const array: unknown[] = Array.from({ length: segment + 1 }, () => null);
      array[segment] = result;
      result = array;
    } else {
      const wrapper: JsonRecord = {};
      defineField(wrapper, segment, result);
      result = wrapper;
    }
  }
  return result;
}
