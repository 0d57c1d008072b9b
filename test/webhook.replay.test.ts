import { afterEach, describe, expect, it } from "vitest";
import { sign, type WebhookRig, webhookRig } from "../runtime/modules/input-webhook/test-support.js";

const SECRET = "replay-secret";
const WHSEC = `whsec_${Buffer.from("replay-standard-secret").toString("base64")}`;
const env = { GH_SECRET: SECRET, SW_SECRET: WHSEC };
const github = { verify: { type: "github", secrets: ["${env:GH_SECRET}"] } };
const event = (n: number) => JSON.stringify({ action: "opened", issue: { number: n } });

let rig: WebhookRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe("a signed body replayed under a new delivery id (the id is not signed)", () => {
  it("GitHub: the same body and signature under a new X-GitHub-Delivery is a duplicate, before and after processing", async () => {
    rig = await webhookRig({ input: github, env });
    const body = event(1);
    const headers = (delivery: string) => ({ "x-github-delivery": delivery, ...sign.github(SECRET, body) });
    expect((await rig.post(body, headers("d-1"))).status).toBe(202);
    expect(await rig.post(body, headers("d-2"))).toEqual({ status: 200, body: { status: "duplicate" } });
    await rig.process();
    // Processed: the body is dropped from the queue, its hash is kept for the window.
    expect(await rig.post(body, headers("d-3"))).toEqual({ status: 200, body: { status: "duplicate" } });
    await rig.process();
    expect(rig.target.requests).toHaveLength(1);
    expect(rig.outcomes).toEqual(["accepted 202", "duplicate 200", "duplicate 200"]);
  });

  it("GitHub: different bodies are different deliveries, whatever their ids", async () => {
    rig = await webhookRig({ input: github, env });
    for (const n of [1, 2, 3]) {
      const body = event(n);
      expect((await rig.post(body, { "x-github-delivery": "same-id-0", ...sign.github(SECRET, body) })).status).toBe(
        n === 1 ? 202 : 200,
      );
      expect((await rig.post(body, { "x-github-delivery": `d-${n}`, ...sign.github(SECRET, body) })).status).toBe(
        n === 1 ? 200 : 202,
      );
    }
    await rig.process();
    expect(rig.target.requests).toHaveLength(3);
  });

  it("generic hmac with the id in a header: the same rule", async () => {
    const input = {
      verify: { type: "hmac", header: "X-Signature", secrets: ["${env:GH_SECRET}"] },
      dedupe: { header: "X-Event-Id" },
    };
    rig = await webhookRig({ input, env });
    const body = event(7);
    const mac = sign.github(SECRET, body)["x-hub-signature-256"]!.slice("sha256=".length);
    expect((await rig.post(body, { "x-event-id": "e-1", "x-signature": mac })).status).toBe(202);
    expect((await rig.post(body, { "x-event-id": "e-2", "x-signature": mac })).status).toBe(200);
  });

  it("Standard Webhooks signs the id: the same body under another signed id is a new message", async () => {
    rig = await webhookRig({ input: { verify: { type: "standardWebhooks", secrets: ["${env:SW_SECRET}"] } }, env });
    const body = event(9);
    const now = Math.floor(Date.now() / 1000);
    expect((await rig.post(body, sign.standard(WHSEC, "msg_1", now, body))).status).toBe(202);
    expect((await rig.post(body, sign.standard(WHSEC, "msg_2", now, body))).status).toBe(202);
    expect((await rig.post(body, sign.standard(WHSEC, "msg_2", now, body))).status).toBe(200);
  });
});
