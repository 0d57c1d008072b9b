/**
 * Test support: the three databases the SQL input and output run against. SQLite always;
 * PostgreSQL as the state suite finds it (state-backends.ts); MariaDB on 127.0.0.1:3306 as root
 * without a password (CANNECTORS_TEST_MYSQL overrides the URL). Each test gets its own PostgreSQL
 * schema, MariaDB database or SQLite file, dropped by `dispose`. A missing server skips its tests
 * with a message, except under CI=true, where they fail.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";
import { BACKENDS, dropSchema, POSTGRES_URL, uniqueSchema } from "./state-backends.js";

export interface TestDatabase {
  /** The connection URL a connector would hold. */
  url: string;
  /** A table name qualified by this test's own schema / database. */
  table(name: string): string;
  /** Raw SQL with `?` placeholders, in every dialect; returns the rows of a query. */
  sql(statement: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export interface TestDialect {
  name: "postgres" | "mysql" | "sqlite";
  missing: string | undefined;
  fresh(): Promise<TestDatabase>;
}

const MYSQL_URL = process.env.CANNECTORS_TEST_MYSQL ?? "mysql://root@127.0.0.1:3306/test";

async function findMysql(): Promise<string | undefined> {
  try {
    const connection = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 2000 });
    await connection.query("SELECT 1");
    await connection.end();
    return undefined;
  } catch (error) {
    return `MariaDB/MySQL not reachable at 127.0.0.1:3306 as root (${(error as Error).message})`;
  }
}
const mysqlMissing = await findMysql();

const postgres: TestDialect = {
  name: "postgres",
  missing: BACKENDS.find((b) => b.name === "postgres")?.missing,
  async fresh() {
    const schema = uniqueSchema("sql");
    const run = async (statement: string, params: unknown[] = []) => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        let n = 0;
        return (
          await client.query(
            statement.replace(/\?/g, () => `$${++n}`),
            params,
          )
        ).rows;
      } finally {
        await client.end();
      }
    };
    await run(`CREATE SCHEMA "${schema}"`);
    return { url: POSTGRES_URL, table: (name) => `${schema}.${name}`, sql: run, dispose: () => dropSchema(schema) };
  },
};

const mariadb: TestDialect = {
  name: "mysql",
  missing: mysqlMissing,
  async fresh() {
    const database = uniqueSchema("sql");
    const run = async (statement: string, params: unknown[] = []) => {
      const connection = await mysql.createConnection({
        uri: MYSQL_URL,
        supportBigNumbers: true,
        bigNumberStrings: true,
      });
      try {
        const [rows] = await connection.query(statement, params);
        return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
      } finally {
        await connection.end();
      }
    };
    await run(`CREATE DATABASE \`${database}\``);
    return {
      url: MYSQL_URL,
      table: (name) => `${database}.${name}`,
      sql: run,
      dispose: async () => void (await run(`DROP DATABASE IF EXISTS \`${database}\``)),
    };
  },
};

const sqlite: TestDialect = {
  name: "sqlite",
  missing: undefined,
  async fresh() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-sql-"));
    const file = path.join(dir, "data.db");
    return {
      url: `sqlite:${file}`,
      table: (name) => name,
      async sql(statement, params = []) {
        const db = new Database(file);
        try {
          const prepared = db.prepare(statement);
          if (prepared.reader) return prepared.all(...params) as Record<string, unknown>[];
          prepared.run(...params);
          return [];
        } finally {
          db.close();
        }
      },
      dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
};

export const DIALECTS: TestDialect[] = [postgres, mariadb, sqlite];

/** The databases to test against now; a missing server is reported, and under CI=true kept so its tests fail. */
export function usableDialects(names: TestDialect["name"][] = ["postgres", "mysql", "sqlite"]): TestDialect[] {
  return DIALECTS.filter((dialect) => {
    if (!names.includes(dialect.name)) return false;
    if (dialect.missing === undefined || process.env.CI === "true") return true;
    console.warn(`skipping the ${dialect.name} SQL tests: ${dialect.missing} (under CI=true they fail)`);
    return false;
  });
}
