import { afterEach, describe, expect, it } from "vitest";
import { sendJson } from "../../../test/support/http-server.js";
import { queueDepth } from "./index.js";
import { type WebhookRig, webhookRig } from "./test-support.js";

let rig: WebhookRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/**
 * The queue position after a graceful stop covers exactly the deliveries whose every record the
 * target acknowledged (issue 12, item 5): a delivery is marked done with the batch that holds its
 * last record, never one batch later.
 */
describe("webhook queue progress at a stop", () => {
  it.each([
    { name: "one record a delivery, one a request", perDelivery: 1, batch: 1, stopAfter: 3, done: 3 },
    { name: "a delivery spread over requests, stopped on its last", perDelivery: 3, batch: 1, stopAfter: 3, done: 1 },
    { name: "a delivery spread over requests, stopped past it", perDelivery: 3, batch: 1, stopAfter: 4, done: 1 },
    { name: "batches that end with deliveries", perDelivery: 2, batch: 2, stopAfter: 2, done: 2 },
    { name: "a batch that ends inside a delivery", perDelivery: 2, batch: 3, stopAfter: 1, done: 1 },
    { name: "a batch of several whole deliveries", perDelivery: 1, batch: 4, stopAfter: 1, done: 4 },
  ])("$name: $done done", async ({ perDelivery, batch, stopAfter, done }) => {
    const DELIVERIES = 6;
    const stop = new AbortController();
    let requests = 0;
    rig = await webhookRig({
      input: { verify: { type: "none" }, dedupe: { header: "X-Delivery-Id" }, records: "items" },
      output: batch > 1 ? { batch: { size: batch } } : {},
      settings: { concurrency: 1 },
      target: (_req, res) => {
        // The stop arrives while this request is in flight: it is acknowledged, nothing after it is sent.
        if (++requests === stopAfter) stop.abort(new Error("test stop"));
        sendJson(res, 200, {});
      },
    });
    for (let d = 1; d <= DELIVERIES; d++) {
      const items = Array.from({ length: perDelivery }, (_, r) => ({ id: `${d}.${r + 1}` }));
      const answer = await rig.post(JSON.stringify({ items }), { "x-delivery-id": `d-${d}` });
      expect(answer.status).toBe(202);
    }
    const summary = await rig.process({ signal: stop.signal });
    expect(summary.status).toBe("cancelled");
    expect(rig.target.requests).toHaveLength(stopAfter);
    expect(DELIVERIES - (await queueDepth(rig.store, "hooks"))).toBe(done);
  });
});
