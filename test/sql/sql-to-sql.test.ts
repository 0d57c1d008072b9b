/**
 * End to end through the engine: a SQLite table read incrementally → a map → an upsert into each
 * database, the cursor saved in the state store between runs, the URL from a secret.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConnector } from "../../runtime/engine/run.js";
import { openStateStore } from "../../runtime/state/index.js";
import { validateArtifact } from "../../runtime/validate/index.js";
import { type TestDatabase, usableDialects } from "../support/sql-databases.js";

describe.each(usableDialects())("sqlite table → $name table, through the engine", (dialect) => {
  let db: TestDatabase;
  let dir: string;
  let source: Database.Database;
  beforeEach(async () => {
    db = await dialect.fresh();
    await db.sql(`CREATE TABLE ${db.table("clients")} (id bigint PRIMARY KEY, full_name varchar(100) NOT NULL)`);
    dir = mkdtempSync(path.join(tmpdir(), "cannectors-sql-e2e-"));
    source = new Database(path.join(dir, "source.db"));
    source.exec("CREATE TABLE people (id INTEGER PRIMARY KEY, first TEXT, last TEXT, updated_at TEXT NOT NULL)");
  });
  afterEach(async () => {
    source.close();
    await db.dispose();
  });

  it("copies new and changed rows once per run, resuming after the saved cursor; a bad row is dead-lettered", async () => {
    const add = source.prepare("INSERT OR REPLACE INTO people VALUES (?, ?, ?, ?)");
    add.run(1, "Ada", "Lovelace", "2026-01-01T00:00:00Z");
    add.run(2, "Alan", "Turing", "2026-01-01T00:00:00Z");
    add.run(3, null, null, "2026-01-01T00:00:00Z");
    const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: people-to-clients }
input:
  type: sql
  connection: "sqlite:${path.join(dir, "source.db")}"
  table: people
  incremental: { column: updated_at, key: id }
  pageSize: 2
filters:
  - type: map
    fields:
      - { target: id, from: id }
      - { target: full_name, from: first }
output:
  type: sql
  connection: "\${secret:TARGET_DB}"
  table: ${db.table("clients")}
  mode: upsert
  key: [id]
settings:
  retries: { maxAttempts: 2, initialDelay: 10ms, maxDelay: 20ms }
`;
    const { artifact, diagnostics } = validateArtifact(yaml, "test.yaml");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const store = openStateStore(path.join(dir, "state.db"));
    const run = () =>
      runConnector({
        artifact: artifact!,
        store,
        env: { TARGET_DB: db.url },
        deadLetterPath: path.join(dir, "dead.ndjson"),
      });
    try {
      const first = await run();
      expect(first).toMatchObject({ status: "partial", counts: { read: 3, sent: 2, failed: 1 } });
      add.run(2, "Alan M.", "Turing", "2026-02-01T00:00:00Z");
      add.run(4, "Grace", "Hopper", "2026-02-01T00:00:00Z");
      const second = await run();
      expect(second).toMatchObject({ status: "succeeded", counts: { read: 2, sent: 2, failed: 0 } });
      const third = await run();
      expect(third).toMatchObject({ status: "succeeded", counts: { read: 0, sent: 0 } });
    } finally {
      store.close();
    }
    const rows = await db.sql(`SELECT CAST(id AS CHAR(20)) AS id, full_name FROM ${db.table("clients")} ORDER BY id`);
    expect(rows.map((r) => [String(r.id).trim(), r.full_name])).toEqual([
      ["1", "Ada"],
      ["2", "Alan M."],
      ["4", "Grace"],
    ]);
  });
});
