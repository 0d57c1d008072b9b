/** Calls `visit` for every string value in a JSON-like value, with its path. Object keys are not visited. */
export function walkStrings(
  value: unknown,
  visit: (text: string, path: (string | number)[]) => void,
  path: (string | number)[] = [],
): void {
  if (typeof value === "string") {
    visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      walkStrings(item, visit, [...path, index]);
    });
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) walkStrings(item, visit, [...path, key]);
  }
}

/** Deep copy of a JSON-like value with every string passed through `transform`. */
export function mapStrings<T>(value: T, transform: (text: string, path: (string | number)[]) => string): T {
  const copy = (current: unknown, path: (string | number)[]): unknown => {
    if (typeof current === "string") return transform(current, path);
    if (Array.isArray(current)) return current.map((item, index) => copy(item, [...path, index]));
    if (isPlainObject(current)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(current)) out[key] = copy(item, [...path, key]);
      return out;
    }
    return current;
  };
  return copy(value, []) as T;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
