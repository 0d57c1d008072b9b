import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStateStore } from "./store.js";
import type { StateStore } from "./types.js";

const DAY = 86_400_000;
let dir: string;
let store: StateStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "cannectors-queue-"));
  store = openStateStore(path.join(dir, "state.db"));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const delivery = (deliveryId: string, receivedAt = 1_000, connector = "a") => ({
  connector,
  deliveryId,
  body: `{"id":"${deliveryId}"}`,
  receivedAt,
  windowMs: DAY,
});

describe("the webhook queue", () => {
  it("stores a delivery id once per connector", () => {
    expect(store.webhooks.enqueue(delivery("x"))).toBe("accepted");
    expect(store.webhooks.enqueue(delivery("x"))).toBe("duplicate");
    expect(store.webhooks.enqueue(delivery("x", 1_000, "b"))).toBe("accepted");
    expect([store.webhooks.depth("a"), store.webhooks.depth("b")]).toEqual([1, 1]);
  });

  it("gives pending deliveries in arrival order after a seq, and marks a prefix done", () => {
    for (const id of ["p", "q", "r"]) store.webhooks.enqueue(delivery(id));
    const all = store.webhooks.pending("a", 0, 10);
    expect(all.map((d) => d.deliveryId)).toEqual(["p", "q", "r"]);
    expect(store.webhooks.pending("a", all[0]!.seq, 1).map((d) => d.deliveryId)).toEqual(["q"]);
    expect(store.webhooks.markDone("a", all[1]!.seq)).toBe(2);
    expect(store.webhooks.pending("a", 0, 10).map((d) => d.deliveryId)).toEqual(["r"]);
    // Done ids still de-duplicate within the window.
    expect(store.webhooks.enqueue(delivery("p", 2_000))).toBe("duplicate");
  });

  it("forgets done ids older than the window, never pending ones", () => {
    store.webhooks.enqueue(delivery("old-done", 1_000));
    store.webhooks.enqueue(delivery("old-pending", 1_000));
    store.webhooks.markDone("a", store.webhooks.pending("a", 0, 1)[0]!.seq);
    expect(store.webhooks.enqueue(delivery("old-done", 1_000 + DAY + 1))).toBe("accepted");
    expect(store.webhooks.enqueue(delivery("old-pending", 1_000 + DAY + 1))).toBe("duplicate");
  });

  it("survives reopening: an accepted delivery is durable once enqueue returns", () => {
    store.webhooks.enqueue(delivery("durable"));
    store.close();
    store = openStateStore(path.join(dir, "state.db"));
    expect(store.webhooks.pending("a", 0, 10).map((d) => d.body)).toEqual(['{"id":"durable"}']);
  });
});
