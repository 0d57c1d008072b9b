import type { OutputRecord } from "../../engine/modules.js";
import type { Dialect } from "../../sql/dialect.js";
import { type BoundValue, bindValue } from "../../sql/values.js";

/** A record as the row it becomes: its columns, their bound values, its key's identity. */
export interface PreparedRow {
  record: OutputRecord;
  columns: readonly string[];
  values: BoundValue[];
  /** The key's values as one text (same key, same text); undefined without a key. */
  key: string | undefined;
}

const COLUMN = /^[A-Za-z_][A-Za-z0-9_$]*$/;

export type Preparation = { ok: true; row: PreparedRow } | { ok: false; reason: string };

/** The row a record writes: `columns` when declared (an absent field is NULL), else its own fields. */
export function prepareRow(
  dialect: Dialect,
  record: OutputRecord,
  columns: readonly string[] | undefined,
  key: readonly string[] | undefined,
): Preparation {
  const value = record.value as unknown;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, reason: "a row needs a record that is an object" };
  }
  const fields = value as Record<string, unknown>;
  const names = columns ?? Object.keys(fields);
  if (names.length === 0) return { ok: false, reason: "the record has no field to write" };
  for (const name of names) {
    if (!COLUMN.test(name)) return { ok: false, reason: `field ${JSON.stringify(name)} is not a column name` };
  }
  let keyText: string | undefined;
  if (key) {
    const parts: BoundValue[] = [];
    for (const column of key) {
      const part = fields[column];
      if (part === null || part === undefined) return { ok: false, reason: `key column ${column} has no value` };
      parts.push(bindValue(dialect, part));
    }
    // Bound values are plain JSON (exact numbers are text already): the text parses back to them.
    keyText = JSON.stringify(parts);
  }
  return {
    ok: true,
    row: { record, columns: names, values: names.map((name) => bindValue(dialect, fields[name])), key: keyText },
  };
}

/**
 * Consecutive rows with the same columns, one statement group each. Within an upsert batch, a key
 * written twice keeps its last row only (PostgreSQL refuses one statement touching a row twice; the
 * result is the one the rows written in order would give).
 */
export function groupRows(
  rows: readonly PreparedRow[],
  upsert: boolean,
): { rows: PreparedRow[]; superseded: PreparedRow[] }[] {
  const groups: PreparedRow[][] = [];
  for (const row of rows) {
    const group = groups.at(-1);
    if (group && group[0]!.columns.join(",") === row.columns.join(",")) group.push(row);
    else groups.push([row]);
  }
  return groups.map((group) => {
    if (!upsert) return { rows: group, superseded: [] };
    const lastOfKey = new Map<string, PreparedRow>();
    for (const row of group) if (row.key !== undefined) lastOfKey.set(row.key, row);
    const kept: PreparedRow[] = [];
    const superseded: PreparedRow[] = [];
    for (const row of group) (row.key === undefined || lastOfKey.get(row.key) === row ? kept : superseded).push(row);
    return { rows: kept, superseded };
  });
}
