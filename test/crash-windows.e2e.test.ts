import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { items, pagedArtifact, startPagedSource } from "./support/paged-source.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const OUTPUT = "  path: /sink\n  batch: { size: 10 }\n  idempotency: { key: record.id }\n";

/** A paged source of `count` items and a target that acknowledges every batch. */
async function pipeline(count: number) {
  const data = items(count);
  const source = await startPagedSource(data, 50);
  const target = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(source, target);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-window-"));
  const file = path.join(dir, "connector.yaml");
  const state = path.join(dir, "state.db");
  const settings = "  concurrency: 1\n";
  writeFileSync(
    file,
    pagedArtifact({ name: "window", source: source.url, target: target.url, output: OUTPUT, settings }),
  );
  const args = ["run", file, "--state", state, "--dead-letter", path.join(dir, "dead.ndjson")];
  const batches = () =>
    target.requests.map((r) => ({
      key: String(r.headers["idempotency-key"]),
      ids: (JSON.parse(r.body) as { id: string }[]).map((x) => x.id),
    }));
  return { data, target, state, args, batches };
}

function integrity(state: string): string {
  const db = new Database(state, { readonly: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe("failpoints: a SIGKILL inside the crash windows", () => {
  it.each([
    { point: "after-ack-before-commit:3", firstRunBatches: 3, resent: [2] },
    { point: "before-send:3", firstRunBatches: 2, resent: [] },
  ])(
    "CANNECTORS_FAILPOINT=$point: after a restart every record arrives; re-sent batches are $resent, with their first Idempotency-Key",
    async ({ point, firstRunBatches, resent }) => {
      const { data, state, args, batches } = await pipeline(100);
      const killed = await runCli(args, { env: { CANNECTORS_FAILPOINT: point } });
      expect(killed.signal, killed.stderr).toBe("SIGKILL");
      expect(batches()).toHaveLength(firstRunBatches);
      expect(integrity(state)).toBe("ok");

      const rerun = await runCli([...args, "--json"], {});
      expect(rerun.code, rerun.stderr).toBe(0);
      const all = batches();
      const delivered = new Set(all.flatMap((b) => b.ids));
      expect([...delivered].sort()).toEqual(data.map((d) => d.id));
      // The rerun starts with the batch whose cursor was not committed (if any), then moves on.
      const again = all
        .slice(firstRunBatches)
        .filter((b) => all.slice(0, firstRunBatches).some((f) => f.key === b.key));
      expect(again.map((b) => all.findIndex((f) => f.key === b.key))).toEqual(resent);
      expect(all.flatMap((b) => b.ids)).toHaveLength(data.length + resent.length * 10);
      for (const b of again) expect(b.ids).toEqual(all[all.findIndex((f) => f.key === b.key)]!.ids);
      expect(integrity(state)).toBe("ok");
    },
  );
});
