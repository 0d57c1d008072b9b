/**
 * `cannectors validate --connect` against the real databases: the tables and columns a connector
 * reads and writes must exist (and constants fit their columns) before a run; each problem at its
 * file:line:col, exit 2; a good connector passes; nothing is written.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { type TestDatabase, usableDialects } from "../support/sql-databases.js";

const yaml = (dir: string, table: string, map: string, output: string) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: people-to-clients }
input:
  type: sql
  connection: "sqlite:${path.join(dir, "source.db")}"
  table: people
  incremental: { column: updated_at, key: id }
filters:
  - type: map
    fields:
${map}
output:
  type: sql
  connection: "\${secret:TARGET_DB}"
  table: ${table}
${output}
`;

const RIGHT_MAP = "      - { target: id, from: id }\n      - { target: full_name, from: first }";

describe.each(usableDialects())("validate --connect, target on $name", (dialect) => {
  let db: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    db = await dialect.fresh();
    await db.sql(
      `CREATE TABLE ${db.table("clients")} (id bigint PRIMARY KEY, full_name varchar(100) NOT NULL, seats integer, note text)`,
    );
    dir = mkdtempSync(path.join(tmpdir(), "cannectors-connect-"));
    const source = new Database(path.join(dir, "source.db"));
    source.exec("CREATE TABLE people (id INTEGER PRIMARY KEY, first TEXT, updated_at TEXT NOT NULL)");
    source.close();
  });
  afterEach(() => db.dispose());

  const validate = (text: string, env: Record<string, string> = { TARGET_DB: db.url }) => {
    const file = path.join(dir, "connector.yaml");
    writeFileSync(file, text);
    return runCli(["validate", "--connect", "connector.yaml"], { cwd: dir, env });
  };

  it("passes a connector whose tables and columns exist", async () => {
    const result = await validate(yaml(dir, db.table("clients"), RIGHT_MAP, "  mode: upsert\n  key: [id]"));
    expect(result.stderr).toContain("connector.yaml: valid (people-to-clients)");
    expect(result.code).toBe(0);
  });

  it("reports each missing table, column, key and unfit constant at its line, and exits 2", async () => {
    const map = `${RIGHT_MAP}\n      - { target: seets, value: 3 }\n      - { target: note, value: 12 }`;
    const input = yaml(dir, db.table("clients"), map, "  mode: upsert\n  key: [full_name]").replace(
      "incremental: { column: updated_at, key: id }",
      "incremental: { column: updatd_at, key: id }",
    );
    const result = await validate(input);
    const lines = result.stdout.trim().split("\n").concat(result.stderr.trim().split("\n"));
    const reported = lines.filter((l) => l.startsWith("connector.yaml:"));
    expect(reported).toEqual([
      expect.stringMatching(
        /^connector\.yaml:8:26 input\.incremental\.column CANNECTORS_E_CONTRACT updatd_at is not a column of people/,
      ),
      expect.stringMatching(
        /^connector\.yaml:14:19 filters\[0\]\.fields\[2\]\.target CANNECTORS_E_CONTRACT seets is not a column of clients \(columns: id, full_name, seats, note\)/,
      ),
      expect.stringMatching(
        /^connector\.yaml:15:19 filters\[0\]\.fields\[3\]\.target CANNECTORS_E_CONTRACT 12 does not fit note, a text column/i,
      ),
      expect.stringMatching(
        /^connector\.yaml:21:8 output\.key CANNECTORS_E_CONTRACT no primary or unique key of clients is exactly \(full_name\)/,
      ),
    ]);
    expect(result.code).toBe(2);
  });

  it("reports a missing table and a NOT NULL column no field writes", async () => {
    const missingTable = await validate(yaml(dir, db.table("client"), RIGHT_MAP, "  mode: insert"));
    expect(missingTable.stdout + missingTable.stderr).toMatch(
      /connector\.yaml:17:10 output\.table CANNECTORS_E_CONTRACT table \S*client does not exist \(tables: clients\)/,
    );
    expect(missingTable.code).toBe(2);
    const noName = await validate(yaml(dir, db.table("clients"), "      - { target: id, from: id }", "  mode: insert"));
    expect(noName.stdout + noName.stderr).toMatch(
      /connector\.yaml:\d+:\d+ output CANNECTORS_E_CONTRACT clients needs full_name \(NOT NULL without a default\)/,
    );
    expect(noName.code).toBe(2);
  });
});

describe("validate --connect, unreachable", () => {
  it("reports the connection at its line, the password masked, and exits 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-connect-"));
    new Database(path.join(dir, "source.db")).exec(
      "CREATE TABLE people (id INTEGER PRIMARY KEY, first TEXT, updated_at TEXT)",
    );
    writeFileSync(path.join(dir, "connector.yaml"), yaml(dir, "clients", RIGHT_MAP, "  mode: insert"));
    const result = await runCli(["validate", "--connect", "connector.yaml"], {
      cwd: dir,
      env: { TARGET_DB: "postgres://someone:hunter2secret@127.0.0.1:1/db" },
    });
    expect(result.stdout + result.stderr).toMatch(
      /connector\.yaml:16:15 output\.connection CANNECTORS_E_CONTRACT cannot read the postgres catalogue/,
    );
    expect(result.stdout + result.stderr).not.toContain("hunter2secret");
    expect(result.code).toBe(2);
  });
});
