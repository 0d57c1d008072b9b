import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isCannectorsError } from "../errors/index.js";
import { MIGRATIONS, openStateStore, type StateStore } from "./index.js";

let dir: string;
let file: string;
const open: StateStore[] = [];
const openStore = (at = file): StateStore => {
  const store = openStateStore(at);
  open.push(store);
  return store;
};
const T0 = Date.parse("2024-05-01T10:00:00.000Z");
const zero = { read: 0, filtered: 0, sent: 0, failed: 0 };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-state-"));
  file = path.join(dir, "nested", "dir", "state.db");
});
afterEach(() => {
  for (const store of open.splice(0)) store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("openStateStore", () => {
  it("creates parent directories, turns WAL on and passes the integrity check", () => {
    const store = openStore();
    expect(fs.existsSync(file)).toBe(true);
    expect(store.integrityCheck()).toBe("ok");
    store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("applies migrations once and is idempotent on reopen", () => {
    openStore().close();
    openStore().close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT version FROM schema_version").all()).toEqual([{ version: MIGRATIONS.length }]);
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      "cursors",
      "execution_logs",
      "executions",
      "leases",
      "schema_version",
      "sqlite_sequence",
      "webhook_deliveries",
    ]);
    raw.close();
  });

  it("refuses a database from a newer cannectors", () => {
    openStore().close();
    const raw = new Database(file);
    raw.prepare("UPDATE schema_version SET version = ?").run(MIGRATIONS.length + 1);
    raw.close();
    expect(() => openStateStore(file)).toThrow(/newer than this cannectors/);
  });

  it("accepts :memory:", () => {
    const store = openStore(":memory:");
    const id = store.startExecution({ connector: "c", artifactHash: "h", dryRun: false, startedAt: T0 });
    expect(store.getExecution(id)?.connector).toBe("c");
  });
});

describe("executions", () => {
  it("records a run from start to finish and keeps it across close and reopen", () => {
    const store = openStore();
    const id = store.startExecution({ connector: "crm", artifactHash: "sha256:ab", dryRun: true, startedAt: T0 });
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    store.updateCounts(id, { read: 10, filtered: 2, sent: 7, failed: 0 });
    expect(store.getExecution(id)?.counts).toEqual({ read: 10, filtered: 2, sent: 7, failed: 0 });
    store.finishExecution(id, {
      status: "partial",
      endedAt: "2024-05-01T10:00:03.500Z",
      counts: { read: 10, filtered: 2, sent: 7, failed: 1 },
      error: "1 record dead-lettered",
    });
    store.close();

    const row = openStore().getExecution(id);
    expect(row).toEqual({
      id,
      connector: "crm",
      artifactHash: "sha256:ab",
      status: "partial",
      dryRun: true,
      startedAt: "2024-05-01T10:00:00.000Z",
      endedAt: "2024-05-01T10:00:03.500Z",
      counts: { read: 10, filtered: 2, sent: 7, failed: 1 },
      error: "1 record dead-lettered",
      pid: process.pid,
      host: os.hostname(),
    });
  });

  it("fails loudly on an unknown execution id", () => {
    const store = openStore();
    expect(() => store.updateCounts("nope", zero)).toThrow(/no such execution/);
    expect(() => store.finishExecution("nope", { status: "failed", endedAt: T0, counts: zero })).toThrow(
      /cannot finish execution nope/,
    );
  });

  it("lists newest first, filtered by connector and limited", () => {
    const store = openStore();
    const ids = ["a", "b", "a", "a"].map((connector, i) =>
      store.startExecution({ connector, artifactHash: "h", dryRun: false, startedAt: T0 + i * 1000 }),
    );
    expect(store.listExecutions().map((r) => r.id)).toEqual([...ids].reverse());
    expect(store.listExecutions({ connector: "a" }).map((r) => r.id)).toEqual([ids[3], ids[2], ids[0]]);
    expect(store.listExecutions({ connector: "a", limit: 2 }).map((r) => r.id)).toEqual([ids[3], ids[2]]);
    expect(store.listExecutions({ connector: "zzz" })).toEqual([]);
  });

  it("finds an execution by a unique id prefix and refuses an ambiguous one", () => {
    const store = openStore();
    const first = store.startExecution({ connector: "c", artifactHash: "h", dryRun: false, startedAt: T0 });
    const second = store.startExecution({ connector: "c", artifactHash: "h", dryRun: false, startedAt: T0 });
    let common = 0;
    while (first[common] === second[common]) common++;
    expect(store.getExecution(first.slice(0, common + 1))?.id).toBe(first);
    expect(store.getExecution(second.slice(0, common + 1))?.id).toBe(second);
    expect(store.getExecution("ffffffff")).toBeUndefined();
    expect(store.getExecution("")).toBeUndefined();
    try {
      store.getExecution(first.slice(0, common));
      expect.unreachable("ambiguous prefix accepted");
    } catch (error) {
      expect(isCannectorsError(error)).toBe(true);
      expect(String(error)).toMatch(/ambiguous/);
    }
  });

  it("keeps ids unique and sortable by creation even within one millisecond", () => {
    const store = openStore(":memory:");
    const ids = Array.from({ length: 200 }, () =>
      store.startExecution({ connector: "c", artifactHash: "h", dryRun: false, startedAt: T0 }),
    );
    expect(new Set(ids).size).toBe(200);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe("logs", () => {
  it("returns entries in the order they were appended, per execution, fields intact", () => {
    const store = openStore();
    const a = store.startExecution({ connector: "a", artifactHash: "h", dryRun: false, startedAt: T0 });
    const b = store.startExecution({ connector: "b", artifactHash: "h", dryRun: false, startedAt: T0 });
    const entry = (i: number) => ({
      time: new Date(T0 + i).toISOString(),
      level: i % 2 === 0 ? ("info" as const) : ("warn" as const),
      message: `line ${i}`,
      fields: { i, nested: { ok: true } },
    });
    for (let i = 0; i < 30; i++) store.appendLog(i % 3 === 0 ? b : a, entry(i));
    store.close();
    const reopened = openStore();
    const logsA = reopened.getLogs(a);
    expect(logsA.map((e) => e.message)).toEqual(
      Array.from({ length: 30 }, (_, i) => i)
        .filter((i) => i % 3 !== 0)
        .map((i) => `line ${i}`),
    );
    expect(logsA[0]).toEqual(entry(1));
    expect(reopened.getLogs(b)).toHaveLength(10);
    expect(reopened.getLogs("missing")).toEqual([]);
  });

  it("rejects a log for an execution that does not exist (foreign key)", () => {
    const store = openStore();
    expect(() =>
      store.appendLog("ghost", { time: new Date(T0).toISOString(), level: "info", message: "m", fields: {} }),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe("cursors", () => {
  it("keeps one cursor per connector, durable across reopen", () => {
    const store = openStore();
    const id = store.startExecution({ connector: "a", artifactHash: "h", dryRun: false, startedAt: T0 });
    expect(store.getCursor("a")).toBeUndefined();
    store.setCursor("a", "2024-01-01", id);
    store.setCursor("b", "b-1", id);
    store.setCursor("a", "2024-02-01", id);
    store.close();
    const reopened = openStore();
    expect(reopened.getCursor("a")).toBe("2024-02-01");
    expect(reopened.getCursor("b")).toBe("b-1");
    expect(reopened.getCursor("c")).toBeUndefined();
  });
});
