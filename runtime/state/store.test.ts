import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-state-"));
  file = path.join(dir, "nested", "dir", "state.db");
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("openStateStore", () => {
  it("creates parent directories, turns WAL on and passes the integrity check", async () => {
    const store = openStore();
    expect(fs.existsSync(file)).toBe(true);
    expect(await store.integrityCheck()).toBe("ok");
    await store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("applies migrations once and is idempotent on reopen", async () => {
    await openStore().close();
    await openStore().close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT version FROM schema_version").all()).toEqual([{ version: MIGRATIONS.length }]);
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      "cursors",
      "dead_letters",
      "execution_logs",
      "executions",
      "leases",
      "oauth_refresh_tokens",
      "schema_version",
      "sqlite_sequence",
      "webhook_deliveries",
    ]);
    raw.close();
  });

  it("refuses a database from a newer cannectors", async () => {
    await openStore().close();
    const raw = new Database(file);
    raw.prepare("UPDATE schema_version SET version = ?").run(MIGRATIONS.length + 1);
    raw.close();
    expect(() => openStateStore(file)).toThrow(/newer than this cannectors/);
  });

  it("accepts :memory:", async () => {
    const store = openStore(":memory:");
    const id = await store.startExecution({ connector: "c", artifactHash: "h", dryRun: false, startedAt: T0 });
    expect((await store.getExecution(id))?.connector).toBe("c");
  });
});

describe("the webhook queue's group commit (SQLite)", () => {
  const delivery = (deliveryId: string) => ({
    connector: "hooks",
    deliveryId,
    body: `{"id":"${deliveryId}"}`,
    receivedAt: T0,
    windowMs: 60_000,
  });

  it("stores deliveries of one turn together; a repeated id in the same group is a duplicate", async () => {
    const store = openStore();
    const outcomes = await Promise.all(["a", "b", "a", "c"].map((id) => store.webhooks.enqueue(delivery(id))));
    expect(outcomes).toEqual(["accepted", "accepted", "duplicate", "accepted"]);
    expect((await store.webhooks.pending("hooks", 0, 10)).map((d) => d.deliveryId)).toEqual(["a", "b", "c"]);
  });

  it("commits deliveries still waiting for their group (and its fsync) when the store is closed", async () => {
    const store = openStateStore(file);
    const waiting = store.webhooks.enqueue(delivery("last"));
    await store.close();
    expect(await waiting).toBe("accepted");
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("SELECT delivery_id FROM webhook_deliveries").pluck().all()).toEqual(["last"]);
    } finally {
      db.close();
    }
  });
});
