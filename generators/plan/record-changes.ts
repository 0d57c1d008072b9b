import { getPath } from "../../runtime/json/path.js";
import type { Exchange } from "../../runtime/fixtures/exchange.js";

/** How one output field changed over the fixtures' records. */
export interface FieldChange {
  field: string;
  kind: "added" | "removed" | "changed";
  records: number;
  /** The first record where it changed: its position and the two values. */
  example: { record: number; before: unknown; after: unknown };
}

export interface RecordChanges {
  requests: { before: number; after: number };
  records: { before: number; after: number; changed: number };
  fields: FieldChange[];
}

/** The records a request carried: the body, or the elements of its array (inside `wrap` when set). */
export function recordsOf(sent: readonly Exchange[], wrap: string | undefined): unknown[] {
  return sent.flatMap((exchange) => {
    if (exchange.body === undefined) return [];
    let body: unknown;
    try {
      body = JSON.parse(exchange.body);
    } catch {
      return [exchange.body];
    }
    const list = wrap ? getPath(body as Record<string, unknown>, wrap) : body;
    return Array.isArray(list) ? list : [list];
  });
}

function leaves(value: unknown, at = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, at ? `${at}.${key}` : key, out);
  } else out.set(at, value);
  return out;
}

/**
 * The records two versions sent over the same fixtures, compared in stream order (both replays send
 * one request at a time): which fields were added, removed or changed, in how many records, with the
 * first example of each.
 */
export function recordChanges(
  before: { sent: readonly Exchange[]; wrap: string | undefined },
  after: { sent: readonly Exchange[]; wrap: string | undefined },
): RecordChanges {
  const old = recordsOf(before.sent, before.wrap);
  const now = recordsOf(after.sent, after.wrap);
  const fields = new Map<string, FieldChange>();
  let changed = 0;
  for (let i = 0; i < Math.min(old.length, now.length); i++) {
    const a = leaves(old[i]);
    const b = leaves(now[i]);
    let differs = false;
    for (const field of new Set([...a.keys(), ...b.keys()])) {
      const kind = !a.has(field) ? "added" : !b.has(field) ? "removed" : undefined;
      if (kind === undefined && JSON.stringify(a.get(field)) === JSON.stringify(b.get(field))) continue;
      differs = true;
      const seen = fields.get(field);
      if (seen) seen.records++;
      else
        fields.set(field, {
          field,
          kind: kind ?? "changed",
          records: 1,
          example: { record: i, before: a.get(field), after: b.get(field) },
        });
    }
    if (differs) changed++;
  }
  return {
    requests: { before: before.sent.length, after: after.sent.length },
    records: { before: old.length, after: now.length, changed },
    fields: [...fields.values()].sort((x, y) => x.field.localeCompare(y.field)),
  };
}
