import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isCannectorsError } from "../errors/index.js";
import { openStateStore, type StateStore } from "./index.js";

const NOW = Date.parse("2026-01-01T00:00:00.000Z");
const TTL = 30_000;
/** A pid that existed and is gone: a child that already exited. */
const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;

let dir: string;
let store: StateStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-lease-"));
  store = openStateStore(path.join(dir, "state.db"));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Plants a lease row as another process would have left it. */
function plant(row: { pid: number; host: string; expiresAt: number }): void {
  const raw = new Database(store.path);
  raw
    .prepare(
      "INSERT INTO leases (connector, token, pid, host, acquired_at, expires_at) VALUES ('c', 'theirs', ?, ?, '', ?)",
    )
    .run(row.pid, row.host, row.expiresAt);
  raw.close();
}

describe("lease table", () => {
  it.each([
    { name: "a live holder on this host", pid: process.pid, host: os.hostname(), expiresAt: NOW + 1, taken: false },
    { name: "a holder on another host", pid: deadPid, host: "elsewhere", expiresAt: NOW + 1, taken: false },
    { name: "an expired lease", pid: process.pid, host: os.hostname(), expiresAt: NOW, taken: true },
    { name: "a dead holder on this host", pid: deadPid, host: os.hostname(), expiresAt: NOW + TTL, taken: true },
    { name: "an expired lease of another host", pid: 1, host: "elsewhere", expiresAt: NOW - 1, taken: true },
  ])("$name: taken over → $taken", ({ pid, host, expiresAt, taken }) => {
    plant({ pid, host, expiresAt });
    const attempt = store.leases.acquire("c", TTL, NOW);
    expect(attempt.acquired).toBe(taken);
    if (!attempt.acquired) {
      expect(attempt.holder).toEqual({ pid, host, expiresAt: new Date(expiresAt).toISOString() });
      expect(store.leases.holds("c", "theirs")).toBe(true);
    } else {
      expect(store.leases.holds("c", attempt.token)).toBe(true);
      expect(store.leases.holds("c", "theirs")).toBe(false);
    }
  });

  it("refuses a second acquire while held, renews only with the holder's token, frees on release", () => {
    const first = store.leases.acquire("c", TTL, NOW);
    if (!first.acquired) throw new Error("first acquire refused");
    expect(store.leases.acquire("c", TTL, NOW + 1).acquired).toBe(false);
    expect(store.leases.acquire("other", TTL, NOW).acquired).toBe(true);
    expect(store.leases.renew("c", "not-mine", TTL, NOW + TTL - 1)).toBe(false);
    expect(store.leases.renew("c", first.token, TTL, NOW + TTL - 1)).toBe(true);
    // Renewed: still held past the first expiry.
    expect(store.leases.acquire("c", TTL, NOW + TTL + 1).acquired).toBe(false);
    store.leases.release("c", first.token);
    expect(store.leases.acquire("c", TTL, NOW + TTL + 1).acquired).toBe(true);
  });

  it("a cursor write with a lease token that lost the lease fails and writes nothing", () => {
    const id = store.startExecution({ connector: "c", artifactHash: "h", dryRun: false, startedAt: NOW });
    const mine = store.leases.acquire("c", TTL, NOW);
    if (!mine.acquired) throw new Error("acquire refused");
    store.setCursor("c", "1", id, mine.token);
    const thief = store.leases.acquire("c", TTL, NOW + TTL + 1);
    expect(thief.acquired).toBe(true);
    let error: unknown;
    try {
      store.setCursor("c", "2", id, mine.token);
    } catch (caught) {
      error = caught;
    }
    expect(isCannectorsError(error, "CANNECTORS_E_LEASE_LOST")).toBe(true);
    expect(store.getCursor("c")).toBe("1");
  });
});
