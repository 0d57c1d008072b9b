import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { sendJson, startServer, type TestServer } from "./http-server.js";
import { items, pagedArtifact, startPagedSource } from "./paged-source.js";

/**
 * A `soak` connector from a paged source on 127.0.0.1 into a recording target (batched, keyed by
 * record id), written to a temp dir with its state file: what the crash and lease tests kill and rerun.
 */
export async function soakPipeline(
  servers: TestServer[],
  count: number,
  options: { batch: number; concurrency: number; delayMs?: number },
) {
  const data = items(count);
  const source = await startPagedSource(data, 500);
  const target = await startServer(async (_req, res) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    sendJson(res, 200, { ok: true });
  });
  servers.push(source, target);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-soak-"));
  const file = path.join(dir, "connector.yaml");
  const state = path.join(dir, "state.db");
  const output = `  path: /sink\n  batch: { size: ${options.batch} }\n  idempotency: { key: record.id }\n`;
  const settings = `  concurrency: ${options.concurrency}\n`;
  writeFileSync(file, pagedArtifact({ name: "soak", source: source.url, target: target.url, output, settings }));
  const args = ["run", file, "--state", state, "--dead-letter", path.join(dir, "dead.ndjson")];
  const batches = () =>
    target.requests.map((r) => ({
      key: String(r.headers["idempotency-key"]),
      ids: (JSON.parse(r.body) as { id: string }[]).map((x) => x.id),
    }));
  const receivedRecords = () => target.requests.reduce((n, r) => n + (r.body.match(/"id"/g)?.length ?? 0), 0);
  return { data, state, args, batches, receivedRecords };
}

/** What the state file says after a kill: integrity, the executions in order, who wrote the cursor. */
export function soakState(state: string) {
  const db = new Database(state, { readonly: true });
  try {
    return {
      integrity: db.pragma("integrity_check", { simple: true }) as string,
      executions: db.prepare("SELECT id, status FROM executions ORDER BY started_at").all() as {
        id: string;
        status: string;
      }[],
      cursorExecution: db.prepare("SELECT execution_id FROM cursors WHERE connector = 'soak'").pluck().get() as string,
    };
  } finally {
    db.close();
  }
}
