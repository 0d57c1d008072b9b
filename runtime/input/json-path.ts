const SEGMENT = /^([^[\]]+)((?:\[\d+\])*)$/;

/** Reads a dotted path such as `data.items` or `meta.pages[0].next`; undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split(".")) {
    const match = SEGMENT.exec(segment);
    if (!match || typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[match[1] ?? ""];
    for (const index of (match[2] ?? "").matchAll(/\[(\d+)\]/g)) {
      current = Array.isArray(current) ? current[Number(index[1])] : undefined;
    }
  }
  return current;
}

/** A number at `path` (numeric strings accepted), or undefined. */
export function numberAt(value: unknown, path: string): number | undefined {
  const found = getPath(value, path);
  if (typeof found === "number" && Number.isFinite(found)) return found;
  if (typeof found === "string" && found.trim() !== "" && Number.isFinite(Number(found))) return Number(found);
  return undefined;
}
