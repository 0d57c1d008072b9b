import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStateStore } from "../runtime/state/index.js";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { items, pagedArtifact, startPagedSource } from "./support/paged-source.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setUp() {
  const data = items(30);
  const source = await startPagedSource(data, 10);
  const target = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(source, target);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-cursor-"));
  const connector = path.join(dir, "c.yaml");
  writeFileSync(connector, pagedArtifact({ name: "synced", source: source.url, target: target.url }));
  const statePath = path.join(dir, "state.db");
  const cli = (...args: string[]) => runCli([...args, "--state", statePath], { cwd: dir });
  const sent = () => target.requests.flatMap((r) => (JSON.parse(r.body) as { id: string }[]).map((x) => x.id));
  return { data, source, target, dir, connector, statePath, cli, sent };
}

describe("cannectors cursor show|set|reset", () => {
  it("shows what a run saved, sets a cursor the next run starts after, resets to a full re-sync", async () => {
    const t = await setUp();
    expect((await t.cli("run", t.connector)).code).toBe(0);
    const last = t.data[29]!.updated;
    const shown = await t.cli("cursor", "show", t.connector, "--json");
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ connector: "synced", cursor: { value: last } });
    expect(JSON.parse(shown.stdout).cursor.executionId).toMatch(/^[0-9a-f]{24}$/);

    // Set back to the 20th record: the next run sends the last 10 again, and asks the source for them.
    const set = await t.cli("cursor", "set", t.connector, t.data[19]!.updated);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain(`cursor ${last} → ${t.data[19]!.updated}`);
    t.target.requests.length = 0;
    t.source.requests.length = 0;
    expect((await t.cli("run", t.connector)).code).toBe(0);
    expect(t.source.requests[0]!.url).toContain(`since=${encodeURIComponent(t.data[19]!.updated)}`);
    expect(t.sent()).toEqual(t.data.slice(20).map((d) => d.id));
    // By name as well as by file; a manual value says who set it.
    expect((await t.cli("cursor", "set", "synced", t.data[24]!.updated)).code).toBe(0);
    expect((await t.cli("cursor", "show", "synced")).stdout).toContain(`synced: ${t.data[24]!.updated}  (saved `);
    expect((await t.cli("cursor", "show", "synced")).stdout).toContain("by cannectors cursor set)");

    const reset = await t.cli("cursor", "reset", t.connector);
    expect(reset.code).toBe(0);
    expect((await t.cli("cursor", "show", t.connector)).stdout).toContain("no cursor saved");
    t.target.requests.length = 0;
    t.source.requests.length = 0;
    expect((await t.cli("run", t.connector)).code).toBe(0);
    expect(t.source.requests[0]!.url).not.toContain("since=");
    expect(t.sent()).toEqual(t.data.map((d) => d.id));
  });

  it("never races a run: while the lease is held, set and reset exit 3 and change nothing", async () => {
    const t = await setUp();
    await t.cli("run", t.connector);
    const store = openStateStore(t.statePath);
    try {
      const before = await store.getCursorInfo("synced");
      expect((await store.leases.acquire("synced", 60_000)).acquired).toBe(true);
      expect((await t.cli("cursor", "set", t.connector, "2020-01-01")).code).toBe(3);
      expect((await t.cli("cursor", "reset", t.connector)).code).toBe(3);
      expect(await store.getCursorInfo("synced")).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it("refuses a connector without an incremental cursor, and a name that is no name (exit 2)", async () => {
    const t = await setUp();
    const plain = path.join(t.dir, "plain.yaml");
    writeFileSync(
      plain,
      pagedArtifact({ name: "plain", source: t.source.url, target: t.target.url }).replace(
        "  incremental: { cursorField: updated, param: since }\n",
        "",
      ),
    );
    const refused = await t.cli("cursor", "set", plain, "x");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("plain has no incremental cursor");
    expect((await t.cli("cursor", "show", "../not a name")).code).toBe(2);
  });
});
