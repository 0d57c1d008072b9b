import type pg from "pg";
import { numbered } from "./numbered.js";
import { type RefreshTokenTable, REFRESH_TOKEN_SQL, toStoredRefreshToken } from "../refresh-tokens.js";

/** The refresh-token table of refresh-tokens.ts on PostgreSQL. */
export function createPostgresRefreshTokenTable(pool: pg.Pool): RefreshTokenTable {
  const run = (sql: string, params: unknown[]) => pool.query(numbered(sql), params);
  return {
    async get(connector) {
      const found = await run(REFRESH_TOKEN_SQL.get, [connector]);
      return toStoredRefreshToken(found.rows[0]);
    },
    async replace(connector, sealed, now) {
      await run(REFRESH_TOKEN_SQL.replace, [connector, sealed, now]);
    },
    async rotate(connector, sealed, now) {
      await run(REFRESH_TOKEN_SQL.rotate, [connector, sealed, now]);
    },
    async confirm(connector) {
      await run(REFRESH_TOKEN_SQL.confirm, [connector]);
    },
    async delete(connector) {
      return ((await run(REFRESH_TOKEN_SQL.delete, [connector])).rowCount ?? 0) > 0;
    },
  };
}
