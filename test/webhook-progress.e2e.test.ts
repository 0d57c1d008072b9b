/**
 * The webhook queue's position must cover exactly the deliveries the target acknowledged (issue 12,
 * item 5): not one fewer (re-sent after a graceful stop, one past the crash bound after a SIGKILL).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { ordersWebhookArtifact, type ServeProcess, startServe } from "./support/serve-process.js";
import { type SpawnedCli, waitFor } from "./support/spawn-cli.js";

const artifact = (target: string, concurrency: number) => ordersWebhookArtifact(target, `concurrency: ${concurrency}`);

const post = (url: string, id: number) =>
  fetch(`${url}/hooks/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-delivery-id": `d-${id}` },
    body: JSON.stringify({ id }),
  });

/** How many times the target received each id, for the ids received more than once. */
function duplicates(target: TestServer): Map<number, number> {
  const seen = new Map<number, number>();
  for (const request of target.requests) {
    const id = (JSON.parse(request.body) as { id: number }).id;
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return new Map([...seen].filter(([, times]) => times > 1));
}

const received = (target: TestServer) => new Set(target.requests.map((r) => (JSON.parse(r.body) as { id: number }).id));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("webhook queue progress across a stop", () => {
  const children: SpawnedCli[] = [];
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const { child } of children) if (child.exitCode === null) child.kill("SIGKILL");
    await Promise.all(servers.map((server) => server.close()));
  });
  const serve = async (dir: string): Promise<ServeProcess> => {
    const started = await startServe(dir);
    children.push(started.spawned);
    return started;
  };

  it("SIGTERM: the last acknowledged delivery is marked done and not sent again after restart", async () => {
    const DELIVERIES = 8;
    // Slow answers, one request at a time: the stop lands while later deliveries are still queued.
    const target = await startServer(async (_req, res) => {
      await sleep(150);
      sendJson(res, 200, {});
    });
    servers.push(target);
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-webhook-progress-"));
    writeFileSync(path.join(dir, "hooks.yaml"), artifact(target.url, 1));

    const first = await serve(dir);
    for (let id = 1; id <= DELIVERIES; id++) expect((await post(first.url, id)).status).toBe(202);
    await waitFor(() => target.requests.length >= 3, 20_000, "three deliveries to reach the target");
    first.spawned.child.kill("SIGTERM");
    expect((await first.spawned.exited).code).toBe(0);
    const beforeRestart = target.requests.length;
    expect(beforeRestart).toBeLessThan(DELIVERIES);

    const second = await serve(dir);
    await waitFor(() => received(target).size === DELIVERIES, 30_000, "every delivery to reach the target");
    await sleep(400); // room for a wrong extra copy
    second.spawned.child.kill("SIGTERM");
    expect((await second.spawned.exited).code).toBe(0);
    // Every request before the stop was answered 200 within the drain: none may come again.
    expect(duplicates(target)).toEqual(new Map());
    expect(target.requests).toHaveLength(DELIVERIES);
  }, 90_000);

  it("SIGKILL with deliveries in flight: at most concurrency × batch.size re-sent (docs/serve.md)", async () => {
    const DELIVERIES = 40;
    const CONCURRENCY = 4;
    const ANSWERED = 20;
    // Answers wait until every delivery is queued (so one processing run reads them all, however
    // slow this machine is); then the first ANSWERED requests are acknowledged, and later ones reach
    // the target, which processes them, but are never answered: serve dies with CONCURRENCY in flight.
    let up = false;
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const target = await startServer(async (_req, res) => {
      if (up) return sendJson(res, 200, {});
      if (target.requests.length > ANSWERED) return;
      await gate;
      sendJson(res, 200, {});
    });
    servers.push(target);
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-webhook-progress-"));
    writeFileSync(path.join(dir, "hooks.yaml"), artifact(target.url, CONCURRENCY));

    const first = await serve(dir);
    for (let id = 1; id <= DELIVERIES; id++) expect((await post(first.url, id)).status).toBe(202);
    openGate();
    await waitFor(() => target.requests.length >= ANSWERED + CONCURRENCY, 30_000, "the in-flight requests");
    // The acknowledged deliveries are marked done: the queue holds exactly the others.
    const depth = async () => {
      const text = await (await fetch(`${first.url}/metrics`)).text();
      return Number(/cannectors_webhook_queue_depth\{connector="hooks"\} (\d+)/.exec(text)?.[1]);
    };
    let pending = await depth();
    for (let tries = 0; pending !== DELIVERIES - ANSWERED && tries < 300; tries++) {
      await sleep(100);
      pending = await depth();
    }
    expect(pending).toBe(DELIVERIES - ANSWERED);
    expect(target.requests).toHaveLength(ANSWERED + CONCURRENCY);
    first.spawned.child.kill("SIGKILL");
    expect((await first.spawned.exited).signal).toBe("SIGKILL");

    up = true;
    const second = await serve(dir);
    await waitFor(() => received(target).size === DELIVERIES, 30_000, "every delivery to reach the target");
    await sleep(400);
    second.spawned.child.kill("SIGTERM");
    expect((await second.spawned.exited).code).toBe(0);
    const resent = duplicates(target);
    // Exactly the requests in flight at the kill (ids ANSWERED+1 … ANSWERED+CONCURRENCY), each once more.
    expect([...resent.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: CONCURRENCY }, (_, i) => ANSWERED + 1 + i),
    );
    expect([...resent.values()].every((times) => times === 2)).toBe(true);
  }, 90_000);
});
