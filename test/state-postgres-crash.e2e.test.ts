/**
 * Issue 18: on PostgreSQL state the cursor is written asynchronously. A polling run SIGKILLed right
 * after the target acknowledged a batch, while cursor writes are slow, must re-send no more than
 * `concurrency × batch.size` records on its rerun, as on SQLite (docs/deploy.md). The writes are
 * slowed in the database itself: a trigger on the test schema's `cursors` table sleeps.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openState } from "../runtime/state/open.js";
import { runCli } from "./support/cli.js";
import { sendJson, startServer } from "./support/http-server.js";
import { items, pagedArtifact, startPagedSource } from "./support/paged-source.js";
import { BACKENDS, cleanedAfterEach, POSTGRES_URL, uniqueSchema, usableBackends } from "./support/state-backends.js";

const { servers, schemas } = cleanedAfterEach();

const postgres = BACKENDS.find((backend) => backend.name === "postgres")!;
const runs = usableBackends().includes(postgres);
const BATCH = 10;
const CONCURRENCY = 2;
/** Each cursor write takes this long in PostgreSQL: many batches are acknowledged meanwhile. */
const CURSOR_WRITE_SECONDS = 0.1;

/** A migrated state schema whose cursor writes sleep. */
async function slowCursorState(): Promise<string> {
  const schema = uniqueSchema("dup");
  schemas.push(schema);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("schema", schema);
  const store = await openState(url.toString());
  await store.close();
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`CREATE FUNCTION "${schema}".slow_cursor() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(${CURSOR_WRITE_SECONDS}); RETURN NEW; END $$`);
    await client.query(`CREATE TRIGGER slow_cursor BEFORE INSERT OR UPDATE ON "${schema}".cursors
      FOR EACH ROW EXECUTE FUNCTION "${schema}".slow_cursor()`);
  } finally {
    await client.end();
  }
  return url.toString();
}

describe.runIf(runs)("a polling run on PostgreSQL state, SIGKILLed while its cursor writes are slow", () => {
  it("re-sends at most concurrency × batch.size records on the rerun, and loses none", async () => {
    const data = items(150);
    const source = await startPagedSource(data, 50);
    const target = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
    servers.push(source, target);
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-pg-dup-"));
    const connector = path.join(dir, "c.yaml");
    writeFileSync(
      connector,
      pagedArtifact({
        name: "pg-dup",
        source: source.url,
        target: target.url,
        output: `  path: /sink\n  batch: { size: ${BATCH} }\n`,
        settings: `  concurrency: ${CONCURRENCY}\n`,
      }),
    );
    const args = ["run", connector, "--state", await slowCursorState()];

    // Killed right after the target acknowledged its 6th batch, before the engine moved the cursor.
    const killed = await runCli(args, { env: { CANNECTORS_FAILPOINT: "after-ack-before-commit:6" } });
    expect(killed.signal, killed.stderr).toBe("SIGKILL");
    const rerun = await runCli(args);
    expect(rerun.code, rerun.stderr).toBe(0);

    const ids = target.requests.flatMap((r) => (JSON.parse(r.body) as { id: string }[]).map((x) => x.id));
    expect([...new Set(ids)].sort()).toEqual(data.map((d) => d.id));
    const duplicates = ids.length - new Set(ids).size;
    // The batch acknowledged at the kill is always re-sent: the window was hit.
    expect(duplicates).toBeGreaterThanOrEqual(BATCH);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY * BATCH);
  });
});
