/** `--dead-letter state`: a run dead-letters into the state database, `replay state` delivers from it. */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStateStore } from "../runtime/state/index.js";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

const TOKEN = "tgt-s3cr3t-bearer-7f3a";
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("dead letters in the state database", () => {
  it("a bad record becomes a row with its position and cause, secrets masked, and `replay state` delivers it", async () => {
    const fixed = { now: false };
    const accepted: string[] = [];
    const source = await startServer((_req, res) => sendJson(res, 200, { items: [{ id: "a" }, { id: "b" }] }));
    const target = await startServer((req, res) => {
      const record = JSON.parse(req.body) as { id: string };
      // The target's error answer echoes the token it was sent: the row must not keep it.
      const echo = req.headers.authorization;
      if (record.id === "b" && !fixed.now) return sendJson(res, 422, { error: "client b refused", echo });
      if (echo !== `Bearer ${TOKEN}`) return sendJson(res, 401, { error: "no token" });
      accepted.push(record.id);
      sendJson(res, 201, { ok: true });
    });
    servers.push(source, target);
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-dlq-state-"));
    const connector = path.join(dir, "c.yaml");
    writeFileSync(
      connector,
      `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: dlq }
input: { type: http, baseUrl: ${source.url}, path: /items, records: items }
output:
  type: http
  baseUrl: ${target.url}
  path: /clients
  auth: { type: bearer, token: "\${env:TGT_TOKEN}" }
settings:
  retries: { maxAttempts: 1 }
`,
    );
    const statePath = path.join(dir, "state.db");
    const cli = (...args: string[]) => runCli([...args, "--state", statePath], { cwd: dir, env: { TGT_TOKEN: TOKEN } });

    const run = await cli("run", connector, "--dead-letter", "state");
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("dead letter: state database");
    // No file: the default one is not written when the state database holds the dead letters.
    expect(existsSync(path.join(dir, ".cannectors", "dead-letter", "dlq.ndjson"))).toBe(false);
    const store = openStateStore(statePath);
    try {
      const [execution] = await store.listExecutions({ connector: "dlq" });
      const rows = await store.deadLetters.list("dlq");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ connector: "dlq", executionId: execution!.id, seq: 1 });
      expect(rows[0]!.reason).toContain("422");
      expect(JSON.parse(rows[0]!.entry)).toMatchObject({ connector: "dlq", seq: 1, record: { id: "b" }, status: 422 });
      // Masked as in a dead-letter file: the answer is kept, the token in it is not.
      expect(JSON.parse(rows[0]!.entry).responseExcerpt).toContain("Bearer ***");
      expect(JSON.stringify(rows)).not.toContain(TOKEN);
    } finally {
      await store.close();
    }

    fixed.now = true;
    const replay = await cli("replay", "state", "--connector", connector);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stderr).toContain("replayed 1 record from state database");
    expect(accepted).toEqual(["a", "b"]);
    const after = openStateStore(statePath);
    try {
      expect(await after.deadLetters.list("dlq")).toEqual([]);
    } finally {
      await after.close();
    }
  });
});
