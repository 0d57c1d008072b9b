/** RFC 6901 JSON pointers, always written in their URI-fragment form `#/a/b~1c`. */

export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function childPointer(pointer: string, ...tokens: (string | number)[]): string {
  return tokens.reduce<string>((acc, token) => `${acc}/${escapeToken(token)}`, pointer);
}

export function pointerTokens(fragment: string): string[] {
  const body = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (body === "" || body === "/") return body === "/" ? [""] : [];
  // A fragment may be percent-encoded (`#/paths/~1users~1%7Bid%7D`); decode before unescaping.
  let decoded = body;
  try {
    decoded = decodeURIComponent(body);
  } catch {
    // keep it raw: a lone `%` is a legal character in a key
  }
  return decoded
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a pointer, or `undefined` when a step is missing. */
export function resolvePointer(document: unknown, fragment: string): unknown {
  let current: unknown = document;
  for (const token of pointerTokens(fragment)) {
    if (Array.isArray(current)) {
      current = /^\d+$/.test(token) ? current[Number(token)] : undefined;
    } else if (isRecord(current)) {
      current = Object.hasOwn(current, token) ? current[token] : undefined;
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}
