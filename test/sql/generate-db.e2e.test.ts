/**
 * `cannectors generate --target-db URL --table NAME`: the demo CRM's customers into a real table,
 * mappings proposed by the suggester; the written connector passes `check` apart from its todo()s.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";
import { type TestDatabase, usableDialects } from "../support/sql-databases.js";

const SPEC = path.join(ROOT, "examples/demo-apis/crm/openapi.yaml");

describe.each(usableDialects())("generate --target-db on $name", (dialect) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await dialect.fresh();
    await db.sql(
      `CREATE TABLE ${db.table("clients")} (id varchar(40) PRIMARY KEY, client_ref varchar(40) NOT NULL,
        full_name varchar(200) NOT NULL, email varchar(200), city varchar(100), created_at varchar(40))`,
    );
  });
  afterEach(() => db.dispose());

  it("writes a connector into the table whose only check errors are its todo()s", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "cannectors-generate-db-"));
    const table = db.table("clients");
    const generated = await runCli(
      ["generate", "--source", SPEC, "--target-db", db.url, "--table", table, "--name", "crm-to-db", "--out", out],
      { timeoutMs: 60_000 },
    );
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stderr).toContain(`GET /customers → table ${table}`);
    const text = readFileSync(path.join(out, "connectors/crm-to-db.ts"), "utf8");
    expect(text).toContain('const store = db<Tables>({ connection: secret("DATABASE_URL") });');
    expect(text).toContain(`.to(store.table(${JSON.stringify(table)}))`);
    expect(text).toMatch(/full_name: `\$\{r\.first_name/);
    expect(text).toContain("email: r.email");
    expect(text).toContain('client_ref: todo("client_ref")');
    expect(readFileSync(path.join(out, "types/db.ts"), "utf8")).toContain("export interface Clients {");
    // Type-checked once (the slow part), on SQLite's; the others differ only in the table's name.
    if (dialect.name !== "sqlite") return;
    const checked = await runCli(["check", "connectors/crm-to-db.ts"], { cwd: out, timeoutMs: 120_000 });
    const problems = checked.stdout.trim().split("\n");
    expect(problems).toHaveLength(2);
    expect(problems.every((line) => /client_ref|Todo<"client_ref">/.test(line))).toBe(true);
    expect(checked.code).toBe(2);
  }, 150_000);
});
