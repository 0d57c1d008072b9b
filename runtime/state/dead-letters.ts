import type Database from "better-sqlite3";
import type { Synchronous } from "./types.js";

/** A dead letter as the state database holds it. */
export interface StoredDeadLetter {
  /** Increasing in insertion order: the order a replay sends the records again. */
  id: number;
  connector: string;
  /** The run (or replay) that dead-lettered it. */
  executionId: string | null;
  /** The record's position in its run (the engine's seq). */
  seq: number;
  /** Why it failed, already redacted by the writer. */
  reason: string;
  /** The whole entry as JSON text, exactly as the dead-letter file's line (the store does not read it). */
  entry: string;
  /** ISO 8601, UTC. */
  createdAt: string;
}

export type NewDeadLetter = Omit<StoredDeadLetter, "id">;

/**
 * Dead letters in the state database (`--dead-letter state`) instead of an NDJSON file, so that
 * every worker sharing a PostgreSQL state writes to and replays from one place. Each add commits in
 * its own transaction and is durable when it resolves, like a cursor write.
 */
export interface DeadLetterTable {
  add(letter: NewDeadLetter): Promise<void>;
  /** Oldest first. */
  list(connector: string): Promise<StoredDeadLetter[]>;
  /** Forgets the given dead letters (replayed); returns how many were there. */
  remove(ids: readonly number[]): Promise<number>;
}

export const DEAD_LETTER_SQL = {
  add: `INSERT INTO dead_letters (connector, execution_id, seq, reason, entry, created_at)
    VALUES (?, ?, ?, ?, ?, ?)`,
  list: `SELECT id, connector, execution_id, seq, reason, entry, created_at FROM dead_letters
    WHERE connector = ? ORDER BY id`,
} as const;

export interface DeadLetterRow {
  id: number | string;
  connector: string;
  execution_id: string | null;
  seq: number | string;
  reason: string;
  entry: string;
  created_at: string;
}

export function addParams(letter: NewDeadLetter): unknown[] {
  return [letter.connector, letter.executionId, letter.seq, letter.reason, letter.entry, letter.createdAt];
}

/** PostgreSQL returns BIGINT as text: both backends give numbers. */
export function toStoredDeadLetter(row: DeadLetterRow): StoredDeadLetter {
  return {
    id: Number(row.id),
    connector: row.connector,
    executionId: row.execution_id,
    seq: Number(row.seq),
    reason: row.reason,
    entry: row.entry,
    createdAt: row.created_at,
  };
}

export function createDeadLetterTable(db: Database.Database): Synchronous<DeadLetterTable> {
  const add = db.prepare(DEAD_LETTER_SQL.add);
  const list = db.prepare<[string], DeadLetterRow>(DEAD_LETTER_SQL.list);
  const removeOne = db.prepare<[number]>("DELETE FROM dead_letters WHERE id = ?");
  const remove = db.transaction((ids: readonly number[]) => {
    let removed = 0;
    for (const id of ids) removed += removeOne.run(id).changes;
    return removed;
  });
  return {
    add: (letter) => {
      add.run(...addParams(letter));
    },
    list: (connector) => list.all(connector).map(toStoredDeadLetter),
    remove: (ids) => remove(ids),
  };
}
