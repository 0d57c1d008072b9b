import type pg from "pg";
import { numbered } from "./numbered.js";
import {
  addParams,
  DEAD_LETTER_SQL,
  type DeadLetterRow,
  type DeadLetterTable,
  toStoredDeadLetter,
} from "../dead-letters.js";

/** The dead-letter table of dead-letters.ts on PostgreSQL, shared by every worker of the database. */
export function createPostgresDeadLetterTable(pool: pg.Pool): DeadLetterTable {
  return {
    async add(letter) {
      await pool.query(numbered(DEAD_LETTER_SQL.add), addParams(letter));
    },
    async list(connector) {
      const found = await pool.query<DeadLetterRow>(numbered(DEAD_LETTER_SQL.list), [connector]);
      return found.rows.map(toStoredDeadLetter);
    },
    async remove(ids) {
      const removed = await pool.query("DELETE FROM dead_letters WHERE id = ANY($1::bigint[])", [ids]);
      return removed.rowCount ?? 0;
    },
  };
}
