/**
 * Test support: the state backends the shared state suite runs against. SQLite always; PostgreSQL
 * on 127.0.0.1:5432 (database `test`, trust auth, user `postgres` or `root`; CANNECTORS_TEST_POSTGRES
 * overrides the URL). Each test gets its own SQLite file or PostgreSQL schema, so runs never collide.
 * A missing PostgreSQL skips its half of the suite with a message, except under CI=true, where it fails.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach } from "vitest";
import { openState } from "../../runtime/state/open.js";
import type { StateStore } from "../../runtime/state/types.js";

/** One isolated state: where it is, how to open it, raw SQL on it (as another process would write), cleanup. */
export interface TestState {
  location: string;
  open(): Promise<StateStore>;
  /** `?` placeholders, in both dialects. */
  exec(sql: string, params?: unknown[]): Promise<void>;
  dispose(): Promise<void>;
}

export interface TestBackend {
  name: "sqlite" | "postgres";
  /** Undefined when usable; else why not (the suite is skipped, or fails under CI). */
  missing: string | undefined;
  fresh(): Promise<TestState>;
}

const CANDIDATES = process.env.CANNECTORS_TEST_POSTGRES
  ? [process.env.CANNECTORS_TEST_POSTGRES]
  : ["postgres://postgres@127.0.0.1:5432/test", "postgres://root@127.0.0.1:5432/test"];

async function findPostgres(): Promise<{ url: string } | { missing: string }> {
  const reasons: string[] = [];
  for (const url of CANDIDATES) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return { url };
    } catch (error) {
      reasons.push(String((error as Error).message));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return { missing: `PostgreSQL not reachable on 127.0.0.1:5432 database test (${reasons.join("; ")})` };
}

const found = await findPostgres();
export const POSTGRES_URL = "url" in found ? found.url : CANDIDATES[0]!;

function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("schema", schema);
  return parsed.toString();
}

/** A schema name no other test or run uses. */
export function uniqueSchema(prefix = "t"): string {
  return `${prefix}_${process.pid}_${randomBytes(5).toString("hex")}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

const sqlite: TestBackend = {
  name: "sqlite",
  missing: undefined,
  async fresh() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-state-"));
    const file = path.join(dir, "state.db");
    return {
      location: file,
      open: () => openState(file),
      async exec(sql, params = []) {
        const raw = new Database(file);
        try {
          raw.prepare(sql).run(...params);
        } finally {
          raw.close();
        }
      },
      async dispose() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: TestBackend = {
  name: "postgres",
  missing: "missing" in found ? found.missing : undefined,
  async fresh() {
    const schema = uniqueSchema();
    const location = withSchema(POSTGRES_URL, schema);
    return {
      location,
      open: () => openState(location),
      async exec(sql, params = []) {
        let n = 0;
        const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
        await client.connect();
        try {
          await client.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          );
        } finally {
          await client.end();
        }
      },
      dispose: () => dropSchema(schema),
    };
  },
};

export const BACKENDS: TestBackend[] = [sqlite, postgres];

/** The backends to run now; a missing PostgreSQL is reported, and under CI=true kept so its tests fail. */
export function usableBackends(): TestBackend[] {
  return BACKENDS.filter((backend) => {
    if (backend.missing === undefined) return true;
    if (process.env.CI === "true") return true;
    console.warn(`skipping the ${backend.name} state tests: ${backend.missing} (under CI=true they fail)`);
    return false;
  });
}

/** PostgreSQL end-to-end tests: the servers they start and the schemas they create, closed and dropped after each test. */
export function cleanedAfterEach(): { servers: { close(): Promise<void> }[]; schemas: string[] } {
  const servers: { close(): Promise<void> }[] = [];
  const schemas: string[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });
  return { servers, schemas };
}
