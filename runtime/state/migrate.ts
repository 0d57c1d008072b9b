import type Database from "better-sqlite3";
import { stateFaultError } from "./faults.js";
import { MIGRATIONS, SCHEMA_VERSION_TABLE } from "./schema.js";

/**
 * Brings the schema to the latest version in one transaction, whatever the number of steps: a
 * crash or a failing step leaves the version the file had, whole. One commit (and, under
 * synchronous=FULL, one fsync) instead of one per step: a fresh file takes every step at once.
 * Returns the version reached.
 */
export function migrate(db: Database.Database, migrations: readonly (readonly string[])[] = MIGRATIONS): number {
  db.exec(SCHEMA_VERSION_TABLE);
  const readVersion = db.prepare<[], { version: number }>("SELECT version FROM schema_version");
  const current = readVersion.get()?.version ?? 0;
  if (current > migrations.length) {
    throw stateFaultError("newer-schema", db.name, { details: { version: current, supported: migrations.length } });
  }
  if (current === migrations.length) return current;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated since.
    const locked = readVersion.get()?.version ?? 0;
    for (let version = locked; version < migrations.length; version++) {
      for (const step of migrations[version] ?? []) db.exec(step);
    }
    db.exec("DELETE FROM schema_version");
    db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(migrations.length);
  }).immediate();
  return migrations.length;
}
