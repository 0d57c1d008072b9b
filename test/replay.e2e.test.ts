import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStateStore } from "../runtime/state/index.js";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const RECORDS = [
  { id: "a", n: 1 },
  { id: "b", n: 2, bad: true },
  { id: "c", n: 3, bad: true },
  { id: "d", n: 4 },
];

/** A target that refuses records marked `bad` (422) until fixed, and keeps what it accepted. */
async function setUp(name = "replayed") {
  const state = { fixed: false };
  const accepted: { id: string; key: string | undefined }[] = [];
  const source = await startServer((_req, res) => sendJson(res, 200, { items: RECORDS }));
  const target = await startServer((req, res) => {
    const record = JSON.parse(req.body) as { client: string; bad?: boolean };
    if (record.bad && !state.fixed) return sendJson(res, 422, { error: `client ${record.client} refused` });
    accepted.push({ id: record.client, key: req.headers["idempotency-key"] as string | undefined });
    sendJson(res, 201, { ok: true });
  });
  servers.push(source, target);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-replay-"));
  const connector = path.join(dir, "c.yaml");
  writeFileSync(
    connector,
    `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: ${name} }
input: { type: http, baseUrl: ${source.url}, path: /items, records: items }
filters:
  - type: condition
    if: record.n != 4
  - type: map
    fields:
      - { target: client, from: id }
      - { target: bad, expr: 'has(record.bad) ? record.bad : false' }
output:
  type: http
  baseUrl: ${target.url}
  path: /clients
  idempotency: { key: record.client }
  deadLetter: { path: ${path.join(dir, "dead.ndjson")} }
settings:
  retries: { maxAttempts: 1 }
`,
  );
  const cli = (...args: string[]) => runCli([...args, "--state", path.join(dir, "state.db")], { cwd: dir });
  return { state, accepted, target, dir, connector, dead: path.join(dir, "dead.ndjson"), cli };
}

const lines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];

describe("cannectors replay DEAD_LETTER", () => {
  it("sends dead-lettered records again after a fix: each arrives once, with its first idempotency key, filters not re-run", async () => {
    const t = await setUp();
    const first = await t.cli("run", t.connector);
    expect(first.code, first.stderr).toBe(1);
    expect(lines(t.dead).map((e) => e.record)).toEqual([
      { client: "b", bad: true },
      { client: "c", bad: true },
    ]);
    const firstKeys = t.target.requests
      .filter((r) => r.body.includes('"bad":true'))
      .map((r) => r.headers["idempotency-key"]);

    t.state.fixed = true;
    const replay = await t.cli("replay", t.dead, "--connector", t.connector);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stderr).toContain("replayed 2 records");
    expect(t.accepted.map((a) => a.id)).toEqual(["a", "b", "c"]);
    // The same keys as the first attempt: a target that saw them already can de-duplicate.
    expect(t.accepted.slice(1).map((a) => a.key)).toEqual(firstKeys);
    expect(firstKeys.every((key) => typeof key === "string" && key.length > 0)).toBe(true);
    // Settled: nothing left to replay, no moved copy left behind.
    expect(lines(t.dead)).toEqual([]);
    expect(readdirSync(t.dir).filter((f) => f.includes("replaying"))).toEqual([]);
    // The replay is in the history like a run.
    const store = openStateStore(path.join(t.dir, "state.db"));
    try {
      const [latest] = await store.listExecutions({ connector: "replayed" });
      expect(latest).toMatchObject({ status: "succeeded", counts: { read: 2, filtered: 0, sent: 2, failed: 0 } });
    } finally {
      await store.close();
    }
  });

  it("a record that fails again is dead-lettered anew, the delivered one is gone from the file", async () => {
    const t = await setUp();
    await t.cli("run", t.connector);
    const entries = lines(t.dead);
    // b is corrected in the dead letter by hand (a person fixed the data); c is still refused.
    writeFileSync(
      t.dead,
      `${JSON.stringify({ ...entries[0], record: { client: "b", bad: false } })}\n${JSON.stringify(entries[1])}\n`,
    );
    const replay = await t.cli("replay", t.dead, "--connector", t.connector);
    expect(replay.code).toBe(1);
    expect(t.accepted.map((a) => a.id)).toEqual(["a", "b"]);
    expect(lines(t.dead).map((e) => e.record)).toEqual([{ client: "c", bad: true }]);
  });

  it("refuses, changing nothing, a file of another connector or a line that is not an entry (exit 2)", async () => {
    const t = await setUp();
    await t.cli("run", t.connector);
    const before = readFileSync(t.dead, "utf8");
    const other = path.join(t.dir, "other.ndjson");
    writeFileSync(other, before.replaceAll('"connector":"replayed"', '"connector":"someone-else"'));
    const wrong = await t.cli("replay", other, "--connector", t.connector);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/other\.ndjson:1: a record of connector someone-else, not replayed/);
    writeFileSync(other, `${before}not json\n`);
    const broken = await t.cli("replay", other, "--connector", t.connector);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/other\.ndjson:3: not a JSON line/);
    expect(readFileSync(t.dead, "utf8")).toBe(before);
    expect(t.target.requests.filter((r) => r.body.includes('"bad":true'))).toHaveLength(2);
  });

  it("waits for no run: while a run holds the connector's lease it exits 3 and moves nothing", async () => {
    const t = await setUp();
    await t.cli("run", t.connector);
    const before = readFileSync(t.dead, "utf8");
    const store = openStateStore(path.join(t.dir, "state.db"));
    try {
      const lease = await store.leases.acquire("replayed", 60_000);
      expect(lease.acquired).toBe(true);
      // The holder must look alive: this test process is.
      const replay = await t.cli("replay", t.dead, "--connector", t.connector);
      expect(replay.code).toBe(3);
    } finally {
      await store.close();
    }
    expect(readFileSync(t.dead, "utf8")).toBe(before);
  });

  it("requests are re-formed as they failed: a record refused alone goes alone, a batch that failed whole (503) goes as that batch, each under its first key", async () => {
    const records = Array.from({ length: 6 }, (_, i) => ({ id: `r${i}` }));
    let broken = true;
    const received: { ids: string[]; key: string | undefined }[] = [];
    const source = await startServer((_req, res) => sendJson(res, 200, { items: records }));
    const target = await startServer((req, res) => {
      const ids = (JSON.parse(req.body) as { id: string }[]).map((r) => r.id);
      received.push({ ids, key: req.headers["idempotency-key"] as string | undefined });
      // r1 is refused (the batch holding it is split, then r1 alone refused); r3's batch meets an outage.
      if (broken && ids.includes("r1")) return sendJson(res, 422, { error: "r1 refused" });
      sendJson(res, broken && ids.includes("r3") ? 503 : 200, {});
    });
    servers.push(source, target);
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-replay-batch-"));
    const connector = path.join(dir, "c.yaml");
    writeFileSync(
      connector,
      `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: batched }
input: { type: http, baseUrl: ${source.url}, path: /items, records: items }
output:
  type: http
  baseUrl: ${target.url}
  path: /batch
  batch: { size: 3 }
  idempotency: { key: record.id }
settings:
  concurrency: 1
  retries: { maxAttempts: 1 }
`,
    );
    const cli = (...args: string[]) => runCli([...args, "--state", path.join(dir, "state.db")], { cwd: dir });
    expect((await cli("run", connector)).code).toBe(1);
    const dead = path.join(dir, ".cannectors/dead-letter/batched.ndjson");
    expect(lines(dead).map((e) => e.record.id)).toEqual(["r1", "r3", "r4", "r5"]);
    const failed = received.filter((r) => r.ids.includes("r1") || r.ids.includes("r3"));
    const firstKeys = [failed.find((r) => r.ids.length === 1)!, failed.find((r) => r.ids.includes("r3"))!];
    received.length = 0;
    broken = false;
    const replay = await cli("replay", dead, "--connector", connector);
    expect(replay.code, replay.stderr).toBe(0);
    // Batched as the artifact says (3 a request), r1 would join r3 and r4 under a new key.
    expect(received).toEqual(firstKeys);
    expect(lines(dead)).toEqual([]);
  });
});
