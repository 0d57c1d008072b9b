import type { IncomingHttpHeaders } from "node:http";

/** Lower-cased names, repeats joined with ", "; set-cookie dropped since connectors never need it and it often carries session secrets. */
export function normalizeHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  // for-in, not Object.entries: no [name, value] array per header on every response.
  for (const name in raw) {
    const value = raw[name];
    const key = name.toLowerCase();
    if (value === undefined || key === "set-cookie") continue;
    headers[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}
