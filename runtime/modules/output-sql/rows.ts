import type { OutputRecord } from "../../engine/modules.js";
import type { Dialect } from "../../sql/dialect.js";
import { type BoundValue, bindValue } from "../../sql/values.js";

/**
 * A record as the row it becomes: its columns, the fields they are read from, its key's identity.
 * The bound values are not kept: COPY encodes each field straight from the record (an array of
 * values per row cost an allocation and kept a thousand more objects alive per batch in flight);
 * statements and the dry run bind them when they need them (rowValues).
 */
export interface PreparedRow {
  record: OutputRecord;
  columns: readonly string[];
  fields: Readonly<Record<string, unknown>>;
  /** The key's values as one text (same key, same text); undefined without a key. */
  key: string | undefined;
}

const COLUMN = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** A row, or the reason the record makes none (a text: no wrapper object per row). */
export type Preparation = PreparedRow | string;

/** The row's values in `columns` order, as they are bound to a statement. */
export function rowValues(dialect: Dialect, row: PreparedRow): BoundValue[] {
  const values: BoundValue[] = new Array(row.columns.length);
  for (let i = 0; i < row.columns.length; i++) values[i] = bindValue(dialect, row.fields[row.columns[i]!]);
  return values;
}

/**
 * The row a record writes: `columns` when declared (an absent field is NULL), else its own fields.
 * What is the same for every row of one output is worked out once. Declared columns
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
  // Compared without listing the record's keys first: most records have the last one's fields.
  const sameAsLast = (fields: Record<string, unknown>): boolean => {
    if (lastNames === undefined) return false;
    let i = 0;
    for (const name in fields) {
      if (!Object.hasOwn(fields, name) || name !== lastNames[i]) return false;
      i++;
    }
    return i === lastNames.length;
  };
  return (record) => {
    const value = record.value as unknown;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return "a row needs a record that is an object";
    }
    const fields = value as Record<string, unknown>;
    const names: readonly string[] = columns ?? (sameAsLast(fields) ? lastNames! : Object.keys(fields));
    if (names.length === 0) return "the record has no field to write";
    if (names !== lastNames || checked.size === 0) {
      for (const name of names) {
        if (checked.has(name)) continue;
        if (!COLUMN.test(name)) return `field ${JSON.stringify(name)} is not a column name`;
        checked.add(name);
      }
      lastNames = names;
    }
    let keyText: string | undefined;
    if (key) {
      // Bound values are plain JSON (exact numbers are text already): the text parses back to them.
      // One key column (the common case) is written without an array around it first.
      if (key.length === 1) {
        const part = fields[key[0]!];
        if (part === null || part === undefined) return `key column ${key[0]} has no value`;
        keyText = `[${JSON.stringify(bindValue(dialect, part))}]`;
      } else {
        const parts: BoundValue[] = [];
        for (const column of key) {
          const part = fields[column];
          if (part === null || part === undefined) return `key column ${column} has no value`;
          parts.push(bindValue(dialect, part));
        }
        keyText = JSON.stringify(parts);
      }
    }
    return { record, columns: names, fields, key: keyText };
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
