import type Database from "better-sqlite3";
import { stateFaultError } from "./faults.js";
import { MIGRATIONS, SCHEMA_VERSION_TABLE } from "./schema.js";

/**
 * Brings the schema to the latest version, one transaction per step, so a crash mid-migration
 * leaves the previous version intact. Returns the version reached.
 */
export function migrate(db: Database.Database, migrations: readonly (readonly string[])[] = MIGRATIONS): number {
  db.exec(SCHEMA_VERSION_TABLE);
  const readVersion = db.prepare<[], { version: number }>("SELECT version FROM schema_version");
  const current = readVersion.get()?.version ?? 0;
  if (current > migrations.length) {
    throw stateFaultError("newer-schema", db.name, { details: { version: current, supported: migrations.length } });
  }
  for (let version = current; version < migrations.length; version++) {
    const steps = migrations[version] ?? [];
    db.transaction(() => {
      for (const step of steps) db.exec(step);
      db.exec("DELETE FROM schema_version");
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(version + 1);
    }).immediate();
  }
  return migrations.length;
}
