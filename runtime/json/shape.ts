/** What decode.ts needs to know of a parsed value to trust JSON.parse with it. */
export interface ValueShape {
  /** Keys of every object. */
  keys: number;
  /** Deepest nesting of objects and lists, as scan.ts counts it (a top-level object is 1). */
  depth: number;
  /** A number that is not an object member's value (top level or directly in a list). */
  looseNumber: boolean;
}

/** One iterative walk (the value may be nested as deep as the text allows). */
export function shapeOf(value: unknown): ValueShape {
  if (typeof value !== "object" || value === null) return { keys: 0, depth: 0, looseNumber: typeof value === "number" };
  let keys = 0;
  let deepest = 0;
  let looseNumber = false;
  const pending: object[] = [value];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    if (Array.isArray(current)) {
      for (const item of current) {
        if (typeof item === "object" && item !== null) {
          pending.push(item);
          depths.push(depth + 1);
        } else if (typeof item === "number") looseNumber = true;
      }
      continue;
    }
    for (const key in current) {
      keys++;
      const item = (current as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) {
        pending.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return { keys, depth: deepest, looseNumber };
}
