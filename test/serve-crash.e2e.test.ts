import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sendJson, startServer } from "./support/http-server.js";
import { ordersWebhookArtifact, startServe } from "./support/serve-process.js";
import { type SpawnedCli, waitFor } from "./support/spawn-cli.js";

const DELIVERIES = 12;

const artifact = (target: string) =>
  ordersWebhookArtifact(target, "retries: { maxAttempts: 100, initialDelay: 100ms, maxDelay: 200ms, jitter: none }");

describe("cannectors serve: crash with deliveries queued", () => {
  const children: SpawnedCli[] = [];
  afterAll(() => {
    for (const { child } of children) if (child.exitCode === null) child.kill("SIGKILL");
  });

  it("delivers every accepted delivery after a SIGKILL, none twice", async () => {
    let targetUp = false;
    const target = await startServer((_req, res) => sendJson(res, targetUp ? 200 : 503, {}));
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-serve-crash-"));
    writeFileSync(path.join(dir, "hooks.yaml"), artifact(target.url));
    try {
      const first = await startServe(dir);
      children.push(first.spawned);
      const answers: number[] = [];
      for (let id = 1; id <= DELIVERIES; id++) {
        const response = await fetch(`${first.url}/hooks/orders`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-delivery-id": `d-${id}` },
          body: JSON.stringify({ id }),
        });
        answers.push(response.status);
      }
      expect(answers).toEqual(Array(DELIVERIES).fill(202));
      // The target is down: processing is retrying when the server dies.
      await waitFor(() => target.requests.length >= 3, 10_000, "attempts against the down target");
      first.spawned.child.kill("SIGKILL");
      expect((await first.spawned.exited).signal).toBe("SIGKILL");

      targetUp = true;
      const attemptsBefore = target.requests.length;
      const second = await startServe(dir);
      children.push(second.spawned);
      const delivered = () =>
        target.requests.slice(attemptsBefore).map((r) => (JSON.parse(r.body) as { id: number }).id);
      await waitFor(() => new Set(delivered()).size === DELIVERIES, 20_000, "every delivery to reach the target");
      const queueDepth = async () => {
        const text = await (await fetch(`${second.url}/metrics`)).text();
        return Number(/cannectors_webhook_queue_depth\{connector="hooks"\} (\d+)/.exec(text)?.[1]);
      };
      let depth = await queueDepth();
      for (let tries = 0; depth !== 0 && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        depth = await queueDepth();
      }
      expect(depth).toBe(0);
      second.spawned.child.kill("SIGTERM");
      expect((await second.spawned.exited).code).toBe(0);
      // Acknowledged once each: the target answered 503 to everything before the crash, so the bound is 0 here.
      expect(delivered().sort((a, b) => a - b)).toEqual(Array.from({ length: DELIVERIES }, (_, i) => i + 1));
    } finally {
      await target.close();
    }
  });

  it("re-sends at most the batch in flight when killed after the target acknowledged it, with the same Idempotency-Key", async () => {
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-serve-crash-"));
    writeFileSync(path.join(dir, "hooks.yaml"), artifact(target.url));
    const post = (url: string, id: number) =>
      fetch(`${url}/hooks/orders`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-delivery-id": `d-${id}` },
        body: JSON.stringify({ id }),
      });
    try {
      // The failpoint kills serve once the target has acknowledged the first batch, before the queue records it.
      const first = await startServe(dir, { CANNECTORS_FAILPOINT: "after-ack-before-commit" });
      children.push(first.spawned);
      expect((await post(first.url, 1)).status).toBe(202);
      expect((await first.spawned.exited).signal).toBe("SIGKILL");
      expect(target.requests).toHaveLength(1);

      const second = await startServe(dir);
      children.push(second.spawned);
      for (let id = 2; id <= 4; id++) expect((await post(second.url, id)).status).toBe(202);
      await waitFor(() => target.requests.length >= 5, 20_000, "the re-sent batch and the new deliveries");
      await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrong extra copy
      second.spawned.child.kill("SIGTERM");
      expect((await second.spawned.exited).code).toBe(0);
      const sent = target.requests.map((r) => ({
        id: (JSON.parse(r.body) as { id: number }).id,
        key: r.headers["idempotency-key"],
      }));
      // Delivery 1 twice (the documented bound: one request in flight), under one key; the others once.
      expect(sent.map((s) => s.id).sort((a, b) => a - b)).toEqual([1, 1, 2, 3, 4]);
      const ones = sent.filter((s) => s.id === 1);
      expect(ones[1]?.key).toBe(ones[0]?.key);
      expect(ones[0]?.key).toBeTruthy();
    } finally {
      await target.close();
    }
  });
  it("SIGKILL in the middle of a concurrent burst: every delivery answered 2xx reaches the target after a restart", async () => {
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-serve-crash-"));
    writeFileSync(path.join(dir, "hooks.yaml"), artifact(target.url));
    try {
      const first = await startServe(dir);
      children.push(first.spawned);
      const answered: number[] = [];
      let next = 1;
      let killed = false;
      // 40 senders in parallel, so deliveries share group commits when the process dies.
      const sender = async () => {
        while (!killed) {
          const id = next++;
          try {
            const response = await fetch(`${first.url}/hooks/orders`, {
              method: "POST",
              headers: { "content-type": "application/json", "x-delivery-id": `d-${id}` },
              body: JSON.stringify({ id }),
            });
            if (response.status === 202) answered.push(id);
          } catch {
            // The connection died with the process: not acknowledged, so the sender would retry.
          }
        }
      };
      const senders = Array.from({ length: 40 }, sender);
      await waitFor(() => answered.length >= 300, 30_000, "300 acknowledged deliveries");
      first.spawned.child.kill("SIGKILL");
      killed = true;
      await Promise.all(senders);
      expect((await first.spawned.exited).signal).toBe("SIGKILL");

      const second = await startServe(dir);
      children.push(second.spawned);
      const reached = () => new Set(target.requests.map((r) => (JSON.parse(r.body) as { id: number }).id));
      await waitFor(() => answered.every((id) => reached().has(id)), 30_000, "every acknowledged delivery");
      second.spawned.child.kill("SIGTERM");
      expect((await second.spawned.exited).code).toBe(0);
      expect(answered.filter((id) => !reached().has(id))).toEqual([]);
    } finally {
      await target.close();
    }
  }, 90_000);
});
