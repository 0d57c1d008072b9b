import type pg from "pg";
import { stateFaultError } from "../faults.js";
import { SCHEMA_VERSION_TABLE } from "../schema.js";
import { PG_MIGRATIONS } from "./schema.js";

/** One key for every cannectors process: migrations of one database run one at a time. */
const MIGRATION_LOCK = 0x63616e6e; // "cann"
const OUR_TABLES = [
  "executions",
  "execution_logs",
  "cursors",
  "leases",
  "webhook_deliveries",
  "oauth_refresh_tokens",
  "dead_letters",
];

/**
 * Brings the schema to the latest version in one transaction (PostgreSQL's DDL is transactional, so
 * a crash leaves the previous version whole), under an advisory lock so processes starting together
 * do not race. Tables of ours in a schema without `schema_version` belong to someone else: refused,
 * as SQLite refuses a foreign file. Returns the version reached.
 */
export async function migratePostgres(
  client: pg.PoolClient,
  schema: string | undefined,
  label: string,
  migrations: readonly (readonly string[])[] = PG_MIGRATIONS,
): Promise<number> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const found = await client.query<{ ours: boolean; clashing: string[] }>(
      `SELECT to_regclass('schema_version') IS NOT NULL AS ours,
        ARRAY(SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL) AS clashing`,
      [OUR_TABLES],
    );
    const { ours, clashing } = found.rows[0] ?? { ours: false, clashing: [] };
    if (!ours && clashing.length > 0) throw stateFaultError("foreign", label, { details: { tables: clashing } });
    await client.query(SCHEMA_VERSION_TABLE);
    const read = await client.query<{ version: number }>("SELECT version FROM schema_version");
    const current = read.rows[0]?.version ?? 0;
    if (current > migrations.length) {
      throw stateFaultError("newer-schema", label, { details: { version: current, supported: migrations.length } });
    }
    for (let version = current; version < migrations.length; version++) {
      for (const step of migrations[version] ?? []) await client.query(step);
    }
    if (current < migrations.length) {
      await client.query("DELETE FROM schema_version");
      await client.query("INSERT INTO schema_version (version) VALUES ($1)", [migrations.length]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return migrations.length;
}
