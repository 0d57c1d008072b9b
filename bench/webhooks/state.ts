import { randomBytes } from "node:crypto";
import pg from "pg";

/** A PostgreSQL state of its own for one serve start: the base URL with a fresh schema. */
export interface BenchState {
  url: string;
  base: string;
  schema: string;
}

export function stateFor(base: string | undefined): BenchState | undefined {
  if (base === undefined) return undefined;
  const schema = `bench_webhooks_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  return { url: url.toString(), base, schema };
}

export async function dropStateSchema(state: BenchState): Promise<void> {
  const client = new pg.Client({ connectionString: state.base });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${state.schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
