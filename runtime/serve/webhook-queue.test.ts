/**
 * Processing the webhook queue while another worker writes to it (PostgreSQL). Queue seqs are
 * taken when a worker's insert runs, not when it commits: a delivery with a lower seq can become
 * visible after a run has read, sent and settled a higher one. That delivery must still be sent.
 * (The bench of issue 18 lost a few such deliveries per run with 2 and 4 workers.)
 */
import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { stringify } from "yaml";
import { BACKENDS, POSTGRES_URL, usableBackends } from "../../test/support/state-backends.js";
import { sendJson, startServer, type TestServer } from "../../test/support/http-server.js";
import type { StateStore } from "../state/index.js";
import { validateArtifact } from "../validate/index.js";
import { processWebhookQueue } from "./webhook-queue.js";

const postgres = BACKENDS.find((backend) => backend.name === "postgres")!;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const hookArtifact = (target: TestServer) =>
  validateArtifact(
    stringify({
      apiVersion: "cannectors.dev/v1",
      kind: "Connector",
      metadata: { name: "hooks" },
      input: { type: "webhook", path: "/hooks/in", verify: { type: "none" }, dedupe: { header: "X-Delivery-Id" } },
      output: { type: "http", baseUrl: target.url, path: "/sink" },
    }),
    "hooks.yaml",
  ).artifact!;

const run = (store: StateStore, target: TestServer) =>
  processWebhookQueue({ artifact: hookArtifact(target), store, env: {}, logSinks: [], logLevel: "error" });

describe.runIf(usableBackends().includes(postgres))("the webhook queue with several writers (PostgreSQL)", () => {
  it("sends a delivery whose lower seq committed after a higher one was read and settled", async () => {
    const state = await postgres.fresh();
    const store = await state.open();
    cleanups.push(
      () => state.dispose(),
      () => store.close(),
    );
    const schema = new URL(state.location).searchParams.get("schema")!;
    // Another worker's insert: its seq is taken now, its commit comes later.
    const peer = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await peer.connect();
    cleanups.push(() => peer.end());
    await peer.query("BEGIN");
    await peer.query(
      `INSERT INTO webhook_deliveries (connector, delivery_id, received_at, body, status)
       VALUES ('hooks', 'from-peer', $1, '{"id":"from-peer"}', 'pending')`,
      [Date.now()],
    );
    expect(await store.webhooks.enqueue(delivery("local"))).toBe("accepted");
    // The peer commits while the run sends "local": before the run settles it.
    const target = await startServer(async (request, res) => {
      if (JSON.parse(request.body).id === "local") await peer.query("COMMIT");
      sendJson(res, 200, {});
    });
    cleanups.push(() => target.close());

    expect((await run(store, target)).status).toBe("succeeded");
    expect(await store.webhooks.depth("hooks")).toBe(1);
    expect((await run(store, target)).status).toBe("succeeded");
    expect(target.requests.map((r) => JSON.parse(r.body).id)).toEqual(["local", "from-peer"]);
    expect(await store.webhooks.depth("hooks")).toBe(0);
  });
});

function delivery(id: string) {
  return { connector: "hooks", deliveryId: id, body: JSON.stringify({ id }), receivedAt: Date.now(), windowMs: 60_000 };
}
