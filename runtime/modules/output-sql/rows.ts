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
  return rowPreparer(dialect, columns, key)(record);
}

/**
 * prepareRow for one output: what is the same for every row is worked out once. Declared columns
 * are checked once; field names already seen are not checked again, and records with the same
 * fields in the same order share one `columns` array (groupRows compares them by identity first).
 */
export function rowPreparer(
  dialect: Dialect,
  columns: readonly string[] | undefined,
  key: readonly string[] | undefined,
): (record: OutputRecord) => Preparation {
  const checked = new Set<string>();
  let lastNames: readonly string[] | undefined = columns;
  const sameAsLast = (names: string[]): boolean => {
    if (lastNames === undefined || lastNames.length !== names.length) return false;
    for (let i = 0; i < names.length; i++) if (names[i] !== lastNames[i]) return false;
    return true;
  };
  return (record) => {
    const value = record.value as unknown;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { ok: false, reason: "a row needs a record that is an object" };
    }
    const fields = value as Record<string, unknown>;
    let names: readonly string[];
    if (columns) names = columns;
    else {
      const own = Object.keys(fields);
      names = sameAsLast(own) ? lastNames! : own;
    }
    if (names.length === 0) return { ok: false, reason: "the record has no field to write" };
    if (names !== lastNames || checked.size === 0) {
      for (const name of names) {
        if (checked.has(name)) continue;
        if (!COLUMN.test(name)) return { ok: false, reason: `field ${JSON.stringify(name)} is not a column name` };
        checked.add(name);
      }
      lastNames = names;
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
    const values: BoundValue[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) values[i] = bindValue(dialect, fields[names[i]!]);
    return { ok: true, row: { record, columns: names, values, key: keyText } };
  };
}

const sameColumns = (a: readonly string[], b: readonly string[]): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

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
    if (group && sameColumns(group[0]!.columns, row.columns)) group.push(row);
    else groups.push([row]);
  }
  return groups.map((group) => {
    if (!upsert) return { rows: group, superseded: [] };
    // The common batch has no key twice: a Set tells so without a second pass.
    const keys = new Set<string>();
    for (const row of group) if (row.key !== undefined) keys.add(row.key);
    if (keys.size === group.length) return { rows: group, superseded: [] };
    const lastOfKey = new Map<string, PreparedRow>();
    for (const row of group) if (row.key !== undefined) lastOfKey.set(row.key, row);
    const kept: PreparedRow[] = [];
    const superseded: PreparedRow[] = [];
    for (const row of group) (row.key === undefined || lastOfKey.get(row.key) === row ? kept : superseded).push(row);
    return { rows: kept, superseded };
  });
}
