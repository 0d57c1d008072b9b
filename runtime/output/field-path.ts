/** Reads and writes dotted paths (`data.items[0].id`), the FieldPath grammar of the artifact. */

type Segment = string | number;

export function parseFieldPath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const part of path.split(".")) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`invalid field path "${path}"`);
    segments.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of parseFieldPath(path)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Builds the nested object holding `leaf` at `path`; index segments create arrays. */
export function wrapAtPath(path: string, leaf: unknown): unknown {
  const segments = parseFieldPath(path);
  let result: unknown = leaf;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i]!;
    if (typeof segment === "number") {
      const array: unknown[] = [];
      array[segment] = result;
      result = Array.from(array, (item) => item ?? null);
    } else {
      result = { [segment]: result };
    }
  }
  return result;
}
