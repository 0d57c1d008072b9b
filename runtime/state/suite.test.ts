/**
 * The state suite: every behaviour of the StateStore interface, run against each backend (SQLite
 * and PostgreSQL, see test/support/state-backends.ts). What only one backend has (SQLite's file
 * handling, PostgreSQL's URL and connection faults) is tested beside it (store.test.ts, postgres.test.ts).
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestState, usableBackends } from "../../test/support/state-backends.js";
import { isCannectorsError } from "../errors/index.js";
import { INTERRUPTED_ERROR } from "./schema.js";
import type { StateStore } from "./types.js";

const T0 = Date.parse("2024-05-01T10:00:00.000Z");
const NOW = Date.parse("2026-01-01T00:00:00.000Z");
const TTL = 30_000;
const DAY = 86_400_000;
const zero = { read: 0, filtered: 0, sent: 0, failed: 0 };
/** A pid that existed and is gone: a child that already exited. */
const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;

describe.each(usableBackends())("state on $name", (backend) => {
  let state: TestState;
  const open: StateStore[] = [];
  const openStore = async (): Promise<StateStore> => {
    const store = await state.open();
    open.push(store);
    return store;
  };
  let store: StateStore;
  const start = (connector = "c", startedAt = T0, dryRun = false) =>
    store.startExecution({ connector, artifactHash: "h", dryRun, startedAt });

  beforeEach(async () => {
    state = await backend.fresh();
    store = await openStore();
  });
  afterEach(async () => {
    for (const opened of open.splice(0)) await opened.close();
    await state.dispose();
  });

  describe("executions", () => {
    it("records a run from start to finish and keeps it across close and reopen", async () => {
      const id = await store.startExecution({
        connector: "crm",
        artifactHash: "sha256:ab",
        dryRun: true,
        startedAt: T0,
      });
      expect(id).toMatch(/^[0-9a-f]{24}$/);
      await store.updateCounts(id, { read: 10, filtered: 2, sent: 7, failed: 0 });
      expect((await store.getExecution(id))?.counts).toEqual({ read: 10, filtered: 2, sent: 7, failed: 0 });
      await store.finishExecution(id, {
        status: "partial",
        endedAt: "2024-05-01T10:00:03.500Z",
        counts: { read: 10, filtered: 2, sent: 7, failed: 1 },
        error: "1 record dead-lettered",
      });
      await store.close();
      expect(await (await openStore()).getExecution(id)).toEqual({
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

    it("fails loudly on an unknown execution id", async () => {
      await expect(store.updateCounts("nope", zero)).rejects.toThrow(/no such execution/);
      await expect(store.finishExecution("nope", { status: "failed", endedAt: T0, counts: zero })).rejects.toThrow(
        /cannot finish execution nope/,
      );
    });

    it("lists newest first, filtered by connector and limited", async () => {
      const ids: string[] = [];
      for (const [i, connector] of ["a", "b", "a", "a"].entries()) ids.push(await start(connector, T0 + i * 1000));
      expect((await store.listExecutions()).map((r) => r.id)).toEqual([...ids].reverse());
      expect((await store.listExecutions({ connector: "a" })).map((r) => r.id)).toEqual([ids[3], ids[2], ids[0]]);
      expect((await store.listExecutions({ connector: "a", limit: 2 })).map((r) => r.id)).toEqual([ids[3], ids[2]]);
      expect(await store.listExecutions({ connector: "zzz" })).toEqual([]);
    });

    it("finds an execution by a unique id prefix and refuses an ambiguous one", async () => {
      const first = await start();
      const second = await start();
      let common = 0;
      while (first[common] === second[common]) common++;
      expect((await store.getExecution(first.slice(0, common + 1)))?.id).toBe(first);
      expect((await store.getExecution(second.slice(0, common + 1)))?.id).toBe(second);
      expect(await store.getExecution("ffffffff")).toBeUndefined();
      expect(await store.getExecution("")).toBeUndefined();
      const error = await store.getExecution(first.slice(0, common)).catch((caught: unknown) => caught);
      expect(isCannectorsError(error)).toBe(true);
      expect(String(error)).toMatch(/ambiguous/);
    });

    it("keeps ids unique and sortable by creation even within one millisecond", async () => {
      const ids = await Promise.all(Array.from({ length: 100 }, () => start()));
      expect(new Set(ids).size).toBe(100);
      expect([...ids].sort()).toEqual(ids);
    });

    it("marks running executions of processes that are gone as interrupted, and no others", async () => {
      const mine = await start();
      const finished = await start();
      await store.finishExecution(finished, { status: "succeeded", endedAt: T0 + 1, counts: zero });
      await state.exec(
        `INSERT INTO executions (id, connector, artifact_hash, status, dry_run, started_at, pid, host)
         VALUES ('gone-run', 'c', 'h', 'running', ?, ?, ?, ?)`,
        [backend.name === "sqlite" ? 0 : false, new Date(T0).toISOString(), deadPid, os.hostname()],
      );
      await state.exec(
        `INSERT INTO executions (id, connector, artifact_hash, status, dry_run, started_at, pid, host)
         VALUES ('elsewhere-run', 'c', 'h', 'running', ?, ?, ?, 'another-host')`,
        [backend.name === "sqlite" ? 0 : false, new Date(T0).toISOString(), deadPid],
      );
      expect(await store.markInterrupted(T0 + 10)).toEqual(["gone-run"]);
      const interrupted = await store.getExecution("gone-run");
      expect(interrupted).toMatchObject({
        status: "failed",
        error: INTERRUPTED_ERROR,
        endedAt: new Date(T0 + 10).toISOString(),
      });
      expect((await store.getExecution(mine))?.status).toBe("running");
      expect((await store.getExecution("elsewhere-run"))?.status).toBe("running");
      expect(await store.markInterrupted()).toEqual([]);
    });
  });

  describe("logs", () => {
    it("keeps entries in call order per execution, fields intact, even when not awaited one by one", async () => {
      const a = await start("a");
      const b = await start("b");
      const entry = (i: number) => ({
        time: new Date(T0 + i).toISOString(),
        level: i % 2 === 0 ? ("info" as const) : ("warn" as const),
        message: `line ${i}`,
        fields: { i, nested: { ok: true } },
      });
      // As the logger's history sink calls it: fire and forget; close waits for the writes.
      for (let i = 0; i < 30; i++) void store.appendLog(i % 3 === 0 ? b : a, entry(i));
      await store.close();
      const reopened = await openStore();
      const logsA = await reopened.getLogs(a);
      expect(logsA.map((e) => e.message)).toEqual(
        Array.from({ length: 30 }, (_, i) => i)
          .filter((i) => i % 3 !== 0)
          .map((i) => `line ${i}`),
      );
      expect(logsA[0]).toEqual(entry(1));
      expect(await reopened.getLogs(b)).toHaveLength(10);
      expect(await reopened.getLogs("missing")).toEqual([]);
    });

    it("rejects a log for an execution that does not exist (foreign key)", async () => {
      const line = { time: new Date(T0).toISOString(), level: "info" as const, message: "m", fields: {} };
      await expect(store.appendLog("ghost", line)).rejects.toThrow(/foreign key/i);
    });
  });

  describe("cursors", () => {
    it("keeps one cursor per connector, durable across reopen, with when and by whom", async () => {
      const id = await start("a");
      expect(await store.getCursor("a")).toBeUndefined();
      expect(await store.getCursorInfo("a")).toBeUndefined();
      await store.setCursor("a", "2024-01-01", id);
      await store.setCursor("b", "b-1", null);
      await store.setCursor("a", "2024-02-01", id);
      await store.close();
      const reopened = await openStore();
      expect(await reopened.getCursor("a")).toBe("2024-02-01");
      expect(await reopened.getCursorInfo("b")).toEqual({
        value: "b-1",
        updatedAt: expect.any(String),
        executionId: null,
      });
      expect((await reopened.getCursorInfo("a"))?.executionId).toBe(id);
      expect(await reopened.getCursor("c")).toBeUndefined();
      await reopened.deleteCursor("a");
      expect(await reopened.getCursor("a")).toBeUndefined();
      expect(await reopened.getCursor("b")).toBe("b-1");
    });

    it("a cursor write or delete with a lease token that lost the lease fails and writes nothing", async () => {
      const id = await start();
      const mine = await store.leases.acquire("c", TTL, NOW);
      if (!mine.acquired) throw new Error("acquire refused");
      await store.setCursor("c", "1", id, mine.token);
      expect((await store.leases.acquire("c", TTL, NOW + TTL + 1)).acquired).toBe(true);
      for (const write of [
        () => store.setCursor("c", "2", id, mine.token),
        () => store.deleteCursor("c", mine.token),
      ]) {
        const error = await write().catch((caught: unknown) => caught);
        expect(isCannectorsError(error, "CANNECTORS_E_LEASE_LOST")).toBe(true);
      }
      expect(await store.getCursor("c")).toBe("1");
    });
  });

  describe("leases", () => {
    it.each([
      { name: "a live holder on this host", pid: process.pid, host: os.hostname(), expiresAt: NOW + 1, taken: false },
      { name: "a holder on another host", pid: deadPid, host: "elsewhere", expiresAt: NOW + 1, taken: false },
      { name: "an expired lease", pid: process.pid, host: os.hostname(), expiresAt: NOW, taken: true },
      { name: "a dead holder on this host", pid: deadPid, host: os.hostname(), expiresAt: NOW + TTL, taken: true },
      { name: "an expired lease of another host", pid: 1, host: "elsewhere", expiresAt: NOW - 1, taken: true },
    ])("$name: taken over → $taken", async ({ pid, host, expiresAt, taken }) => {
      await state.exec(
        "INSERT INTO leases (connector, token, pid, host, acquired_at, expires_at) VALUES ('c', 'theirs', ?, ?, '', ?)",
        [pid, host, expiresAt],
      );
      const attempt = await store.leases.acquire("c", TTL, NOW);
      expect(attempt.acquired).toBe(taken);
      if (!attempt.acquired) {
        expect(attempt.holder).toEqual({ pid, host, expiresAt: new Date(expiresAt).toISOString() });
        expect(await store.leases.holds("c", "theirs")).toBe(true);
      } else {
        expect(await store.leases.holds("c", attempt.token)).toBe(true);
        expect(await store.leases.holds("c", "theirs")).toBe(false);
      }
    });

    it("refuses a second acquire while held, renews only with the holder's token, frees on release", async () => {
      const first = await store.leases.acquire("c", TTL, NOW);
      if (!first.acquired) throw new Error("first acquire refused");
      expect((await store.leases.acquire("c", TTL, NOW + 1)).acquired).toBe(false);
      expect((await store.leases.acquire("other", TTL, NOW)).acquired).toBe(true);
      expect(await store.leases.renew("c", "not-mine", TTL, NOW + TTL - 1)).toBe(false);
      expect(await store.leases.renew("c", first.token, TTL, NOW + TTL - 1)).toBe(true);
      // Renewed: still held past the first expiry.
      expect((await store.leases.acquire("c", TTL, NOW + TTL + 1)).acquired).toBe(false);
      await store.leases.release("c", first.token);
      expect((await store.leases.acquire("c", TTL, NOW + TTL + 1)).acquired).toBe(true);
    });

    it("gives a free lease to exactly one of many concurrent acquirers on separate connections", async () => {
      const stores = await Promise.all(Array.from({ length: 4 }, () => openStore()));
      const attempts = await Promise.all(
        stores.flatMap((each) => Array.from({ length: 5 }, () => each.leases.acquire("race", TTL))),
      );
      expect(attempts.filter((attempt) => attempt.acquired)).toHaveLength(1);
    });
  });

  describe("the webhook queue", () => {
    const delivery = (deliveryId: string, receivedAt = 1_000, connector = "a") => ({
      connector,
      deliveryId,
      body: `{"id":"${deliveryId}"}`,
      receivedAt,
      windowMs: DAY,
    });

    it("stores a delivery id once per connector", async () => {
      expect(await store.webhooks.enqueue(delivery("x"))).toBe("accepted");
      expect(await store.webhooks.enqueue(delivery("x"))).toBe("duplicate");
      expect(await store.webhooks.enqueue(delivery("x", 1_000, "b"))).toBe("accepted");
      expect([await store.webhooks.depth("a"), await store.webhooks.depth("b")]).toEqual([1, 1]);
    });

    it("de-duplicates by body hash under another id, when a hash is given", async () => {
      expect(await store.webhooks.enqueue({ ...delivery("one"), bodyHash: "h1" })).toBe("accepted");
      expect(await store.webhooks.enqueue({ ...delivery("two"), bodyHash: "h1" })).toBe("duplicate");
      expect(await store.webhooks.enqueue({ ...delivery("three"), bodyHash: "h2" })).toBe("accepted");
      expect(await store.webhooks.enqueue(delivery("four"))).toBe("accepted");
      expect(await store.webhooks.enqueue(delivery("five"))).toBe("accepted");
      expect(await store.webhooks.depth("a")).toBe(4);
    });

    it("keeps exactly one of many concurrent copies of a delivery", async () => {
      const stores = await Promise.all(Array.from({ length: 3 }, () => openStore()));
      const outcomes = await Promise.all(
        stores.flatMap((each) => Array.from({ length: 4 }, () => each.webhooks.enqueue(delivery("same")))),
      );
      expect(outcomes.filter((outcome) => outcome === "accepted")).toHaveLength(1);
      expect(await store.webhooks.depth("a")).toBe(1);
    });

    it("stores concurrent deliveries in arrival order, the first copy of each id and body hash accepted", async () => {
      const outcomes = await Promise.all([
        store.webhooks.enqueue(delivery("m")),
        store.webhooks.enqueue(delivery("n")),
        store.webhooks.enqueue(delivery("m")),
        store.webhooks.enqueue({ ...delivery("o"), bodyHash: "h" }),
        store.webhooks.enqueue({ ...delivery("p"), bodyHash: "h" }),
        store.webhooks.enqueue(delivery("q")),
      ]);
      expect(outcomes).toEqual(["accepted", "accepted", "duplicate", "accepted", "duplicate", "accepted"]);
      expect((await store.webhooks.pending("a", 0, 10)).map((d) => d.deliveryId)).toEqual(["m", "n", "o", "q"]);
    });

    it("gives pending deliveries in arrival order after a seq, and marks the ones named done", async () => {
      for (const id of ["p", "q", "r"]) await store.webhooks.enqueue(delivery(id));
      const all = await store.webhooks.pending("a", 0, 10);
      expect(all.map((d) => d.deliveryId)).toEqual(["p", "q", "r"]);
      expect(all[0]).toEqual({ seq: expect.any(Number), deliveryId: "p", body: '{"id":"p"}', receivedAt: 1_000 });
      expect((await store.webhooks.pending("a", all[0]!.seq, 1)).map((d) => d.deliveryId)).toEqual(["q"]);
      expect(await store.webhooks.markDone("a", [all[0]!.seq, all[2]!.seq])).toBe(2);
      expect((await store.webhooks.pending("a", 0, 10)).map((d) => d.deliveryId)).toEqual(["q"]);
      // Done ids still de-duplicate within the window.
      expect(await store.webhooks.enqueue(delivery("p", 2_000))).toBe("duplicate");
    });

    it("forgets done ids older than the window, never pending ones", async () => {
      await store.webhooks.enqueue(delivery("old-done", 1_000));
      await store.webhooks.enqueue(delivery("old-pending", 1_000));
      await store.webhooks.markDone("a", [(await store.webhooks.pending("a", 0, 1))[0]!.seq]);
      expect(await store.webhooks.enqueue(delivery("old-done", 1_000 + DAY + 1))).toBe("accepted");
      expect(await store.webhooks.enqueue(delivery("old-pending", 1_000 + DAY + 1))).toBe("duplicate");
    });

    it("survives reopening: an accepted delivery is durable once enqueue resolves", async () => {
      await store.webhooks.enqueue(delivery("durable"));
      await store.close();
      const reopened = await openStore();
      expect((await reopened.webhooks.pending("a", 0, 10)).map((d) => d.body)).toEqual(['{"id":"durable"}']);
    });
  });

  describe("oauth refresh tokens (sealed text: the store never sees a token)", () => {
    it("rotates keeping the previous one, confirms, replaces, deletes; durable across reopen", async () => {
      expect(await store.refreshTokens.get("crm")).toBeUndefined();
      await store.refreshTokens.replace("crm", "sealed-1", "2026-01-01T00:00:00.000Z");
      await store.refreshTokens.rotate("crm", "sealed-2", "2026-01-01T00:01:00.000Z");
      await store.close();
      store = await openStore();
      expect(await store.refreshTokens.get("crm")).toEqual({
        current: "sealed-2",
        previous: "sealed-1",
        updatedAt: "2026-01-01T00:01:00.000Z",
      });
      await store.refreshTokens.confirm("crm");
      expect((await store.refreshTokens.get("crm"))?.previous).toBeNull();
      await store.refreshTokens.rotate("crm", "sealed-3", "t");
      await store.refreshTokens.replace("crm", "sealed-login", "t");
      expect(await store.refreshTokens.get("crm")).toMatchObject({ current: "sealed-login", previous: null });
      expect(await store.refreshTokens.get("other")).toBeUndefined();
      expect(await store.refreshTokens.delete("crm")).toBe(true);
      expect(await store.refreshTokens.delete("crm")).toBe(false);
      expect(await store.refreshTokens.get("crm")).toBeUndefined();
    });
  });

  describe("dead letters", () => {
    const letter = (connector: string, seq: number, executionId: string | null = "e1") => ({
      connector,
      executionId,
      seq,
      reason: `bad ${seq}`,
      entry: `{"connector":"${connector}","seq":${seq},"record":{"id":${seq}}}`,
      createdAt: "2026-01-01T00:00:00.000Z",
    });

    it("keeps each connector's dead letters in order, durable across reopen, until removed", async () => {
      await store.deadLetters.add(letter("crm", 7));
      await store.deadLetters.add(letter("other", 1));
      await store.deadLetters.add(letter("crm", 3, null));
      await store.close();
      store = await openStore();
      const kept = await store.deadLetters.list("crm");
      expect(kept.map(({ id: _id, ...rest }) => rest)).toEqual([letter("crm", 7), letter("crm", 3, null)]);
      expect(kept[0]!.id).toBeLessThan(kept[1]!.id);
      expect(await store.deadLetters.remove([kept[0]!.id, kept[0]!.id + 1_000_000])).toBe(1);
      expect((await store.deadLetters.list("crm")).map((row) => row.seq)).toEqual([3]);
      expect((await store.deadLetters.list("other")).map((row) => row.seq)).toEqual([1]);
    });

    it("takes concurrent adds from separate connections (workers sharing one database)", async () => {
      const second = await openStore();
      await Promise.all(
        Array.from({ length: 20 }, (_, n) => (n % 2 === 0 ? store : second).deadLetters.add(letter("crm", n))),
      );
      const seqs = (await second.deadLetters.list("crm")).map((row) => row.seq);
      expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    });
  });

  it("passes its integrity check", async () => {
    expect(await store.integrityCheck()).toBe("ok");
  });
});
