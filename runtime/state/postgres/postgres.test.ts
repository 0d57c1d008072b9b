/**
 * What only the PostgreSQL backend has: its URL (the password never shown), its faults, and
 * migrations racing between processes. The behaviours both backends share are in ../suite.test.ts.
 */
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { dropSchema, POSTGRES_URL, uniqueSchema, usableBackends } from "../../../test/support/state-backends.js";
import { isCannectorsError } from "../../errors/index.js";
import { stateFaultOf } from "../faults.js";
import { openState } from "../open.js";
import { PG_MIGRATIONS } from "./schema.js";
import { MIGRATIONS } from "../schema.js";
import { parsePostgresUrl, stateLabel } from "./url.js";

const SECRET = "s3cr3t-Pa55";

describe("the PostgreSQL state URL", () => {
  it.each([
    `postgres://app:${SECRET}@db.internal:5433/cannectors?schema=prod`,
    `postgresql://app:${encodeURIComponent(`${SECRET}@:/?#`)}@db/cannectors`,
    `postgres://app@db/cannectors?password=${SECRET}&schema=prod`,
    `postgres://app@db/cannectors?sslpassword=${SECRET}&sslmode=require`,
    `postgres://app:${SECRET}@[::1]:5432/c?options=-c%20search_path%3Dx`,
  ])("never shows the password: %s", (url) => {
    const label = stateLabel(url);
    expect(label).not.toContain(SECRET);
    expect(label).not.toContain(encodeURIComponent(SECRET));
    expect(parsePostgresUrl(url).label).toBe(label);
    expect(label).toMatch(/^postgres(ql)?:\/\/app@/);
  });

  it("keeps the schema parameter for itself and passes the others to the driver", () => {
    const location = parsePostgresUrl("postgres://u@h:1/d?schema=ci_1&sslmode=disable");
    expect(location.schema).toBe("ci_1");
    expect(location.connectionString).toBe("postgres://u@h:1/d?sslmode=disable");
    expect(location.label).toBe("postgres://u@h:1/d?schema=ci_1");
  });

  it.each(['a"; DROP TABLE x; --', "1starts-with-digit", "has space", "x".repeat(64)])(
    "refuses a schema name that is not a plain identifier: %s",
    async (schema) => {
      const url = `postgres://u:${SECRET}@127.0.0.1:1/d?schema=${encodeURIComponent(schema)}`;
      const error = await openState(url).catch((caught: unknown) => caught);
      expect(isCannectorsError(error, "CANNECTORS_E_STATE")).toBe(true);
      expect(String(error)).not.toContain(SECRET);
    },
  );

  it("refuses a URL it cannot parse without repeating it", async () => {
    const error = await openState(`postgres://u:${SECRET}@[bad`).catch((caught: unknown) => caught);
    expect(isCannectorsError(error, "CANNECTORS_E_STATE")).toBe(true);
    expect(String(error)).not.toContain(SECRET);
  });
});

describe.runIf(usableBackends().some((backend) => backend.name === "postgres"))("a PostgreSQL state database", () => {
  const schemas: string[] = [];
  afterEach(async () => {
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });
  const urlFor = (schema: string, base = POSTGRES_URL) => {
    const url = new URL(base);
    url.password = SECRET;
    url.searchParams.set("schema", schema);
    return url.toString();
  };
  const fresh = () => {
    const schema = uniqueSchema("pgt");
    schemas.push(schema);
    return schema;
  };
  const sql = async (schema: string, text: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  };

  it("is at the same schema version as SQLite", () => {
    expect(PG_MIGRATIONS).toHaveLength(MIGRATIONS.length);
  });

  it.each([
    {
      name: "a server that does not answer",
      url: () => urlFor(fresh()).replace(/:5432\//, ":1/"),
      fault: "unreachable",
    },
    {
      name: "a database that does not exist",
      url: () => urlFor(fresh()).replace(/\/test\?/, "/no_such_database?"),
      fault: "unreachable",
    },
  ])("reports $name as a one-line state fault without the password", async ({ url, fault }) => {
    const error = await openState(url()).catch((caught: unknown) => caught);
    expect(stateFaultOf(error)).toBe(fault);
    const message = String((error as Error).message);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain("\n");
    expect(JSON.stringify((error as { details?: unknown }).details)).not.toContain(SECRET);
  });

  it("migrates once when several processes open a new database together", async () => {
    const schema = fresh();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openState(urlFor(schema))));
    await Promise.all(stores.map((store) => store.close()));
    const versions = await sql(schema, "SELECT version FROM schema_version");
    expect(versions.rows).toEqual([{ version: PG_MIGRATIONS.length }]);
  });

  it("refuses tables named like ours that another program made", async () => {
    const schema = fresh();
    await sql("public", `CREATE SCHEMA "${schema}"`);
    await sql(schema, "CREATE TABLE cursors (name TEXT)");
    const error = await openState(urlFor(schema)).catch((caught: unknown) => caught);
    expect(stateFaultOf(error)).toBe("foreign");
    expect(String(error)).not.toContain(SECRET);
  });

  it("refuses a database from a newer cannectors", async () => {
    const schema = fresh();
    await (await openState(urlFor(schema))).close();
    await sql(schema, `UPDATE schema_version SET version = ${PG_MIGRATIONS.length + 1}`);
    const error = await openState(urlFor(schema)).catch((caught: unknown) => caught);
    expect(stateFaultOf(error)).toBe("newer-schema");
  });
});
