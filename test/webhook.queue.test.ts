import { afterEach, describe, expect, it } from "vitest";
import { queueDepth } from "../runtime/modules/input-webhook/index.js";
import { sign, type WebhookRig, webhookRig } from "../runtime/modules/input-webhook/test-support.js";
import { fakeClock } from "../runtime/net/testing.js";
import { sendJson } from "./support/http-server.js";

const SECRET = "dedupe-secret";
const github = { verify: { type: "github", secrets: ["${env:GH_SECRET}"] } };
const env = { GH_SECRET: SECRET };
const event = (n: number) => JSON.stringify({ action: "opened", issue: { number: n, title: `issue ${n}` } });
const headers = (body: string, delivery: string) => ({ "x-github-delivery": delivery, ...sign.github(SECRET, body) });
const mapIssue = [
  {
    type: "map",
    fields: [
      { target: "number", from: "issue.number" },
      { target: "title", from: "issue.title" },
    ],
  },
];

let rig: WebhookRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe("webhook de-duplication", () => {
  it("the same delivery sent 3 times in sequence is stored once, every copy answered 2xx", async () => {
    rig = await webhookRig({ input: github, env, filters: mapIssue });
    const body = event(1);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await rig.post(body, headers(body, "d-seq"))).status);
    expect(statuses).toEqual([202, 200, 200]);
    expect(rig.rows()).toBe(1);
    expect(rig.accepted).toBe(1);
    expect(rig.outcomes).toEqual(["accepted 202", "duplicate 200", "duplicate 200"]);
    const summary = await rig.process();
    expect(summary.status).toBe("succeeded");
    expect(rig.target.requests.map((r) => JSON.parse(r.body))).toEqual([{ number: 1, title: "issue 1" }]);
  });

  it("the same delivery sent 5 times concurrently reaches the target once", async () => {
    rig = await webhookRig({ input: github, env, filters: mapIssue });
    const body = event(2);
    const answers = await Promise.all(Array.from({ length: 5 }, () => rig!.post(body, headers(body, "d-par"))));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 202]);
    expect(answers.filter((a) => a.body.status === "duplicate")).toHaveLength(4);
    // A duplicate sent while the first is being processed, and after, changes nothing either.
    const [summary, late] = await Promise.all([rig.process(), rig.post(body, headers(body, "d-par"))]);
    expect(late.status).toBe(200);
    await rig.process();
    expect(summary.counts.sent).toBe(1);
    expect(rig.target.requests).toHaveLength(1);
    expect(rig.rows()).toBe(1);
  });

  it("forgets a processed delivery id after the window", async () => {
    const clock = fakeClock();
    rig = await webhookRig({ input: { ...github, dedupe: { window: "1m" } }, env, clock });
    const body = event(3);
    expect((await rig.post(body, headers(body, "d-win"))).status).toBe(202);
    await rig.process();
    clock.advance(30_000);
    expect((await rig.post(body, headers(body, "d-win"))).status).toBe(200);
    clock.advance(31_000);
    expect((await rig.post(body, headers(body, "d-win"))).status).toBe(202);
  });

  it("takes the delivery id from a body path when configured, and refuses a delivery without one", async () => {
    rig = await webhookRig({ input: { ...github, dedupe: { path: "delivery.id" } }, env });
    const body = JSON.stringify({ delivery: { id: "b-1" }, issue: { number: 4 } });
    expect((await rig.post(body, sign.github(SECRET, body))).status).toBe(202);
    expect((await rig.post(body, sign.github(SECRET, body))).status).toBe(200);
    const missing = event(5);
    const answer = await rig.post(missing, sign.github(SECRET, missing));
    expect(answer).toEqual({ status: 400, body: { error: "missing delivery id at delivery.id" } });
    expect(rig.rows()).toBe(1);
  });
});

describe("webhook processing", () => {
  it("processes deliveries in arrival order, one execution in the history, queue emptied", async () => {
    rig = await webhookRig({ input: { ...github, records: "issues" }, env, output: { batch: { size: 10 } } });
    for (let n = 0; n < 3; n++) {
      const body = JSON.stringify({ issues: [{ n: n * 2 }, { n: n * 2 + 1 }] });
      expect((await rig.post(body, headers(body, `o-${n}`))).status).toBe(202);
    }
    expect(await queueDepth(rig.store, "hooks")).toBe(3);
    const summary = await rig.process();
    expect(summary).toMatchObject({ status: "succeeded", counts: { read: 6, sent: 6, failed: 0, filtered: 0 } });
    expect(rig.target.requests.flatMap((r) => JSON.parse(r.body))).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ n })));
    expect(await queueDepth(rig.store, "hooks")).toBe(0);
    const history = await rig.store.listExecutions({ connector: "hooks" });
    expect(history.map((e) => [e.id, e.status, e.counts.sent])).toEqual([[summary.executionId, "succeeded", 6]]);
  });

  it("keeps an accepted delivery queued when the run is stopped while the target is slow, and delivers it later", async () => {
    let slow = true;
    rig = await webhookRig({
      input: github,
      env,
      target: (_req, res) => {
        if (slow) setTimeout(() => sendJson(res, 200, {}), 2_000);
        else sendJson(res, 200, {});
      },
    });
    const body = event(9);
    expect((await rig.post(body, headers(body, "slow-1"))).status).toBe(202);
    const stop = new AbortController();
    const running = rig.process({ signal: stop.signal, drainTimeoutMs: 50 });
    while (rig.target.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    expect((await running).status).toBe("cancelled");
    expect(await queueDepth(rig.store, "hooks")).toBe(1);
    slow = false;
    const retried = await rig.process();
    expect(retried).toMatchObject({ status: "succeeded", counts: { sent: 1 } });
    expect(await queueDepth(rig.store, "hooks")).toBe(0);
    // The same idempotency-free body both times: the delivery was re-sent, not lost.
    expect(rig.target.requests.map((r) => r.body)).toEqual([body, body]);
  });

  it("shares overlapping process calls: no lease conflict, each delivery sent once, a late one still processed", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    rig = await webhookRig({
      input: github,
      env,
      target: async (_req, res) => {
        await gate;
        sendJson(res, 200, {});
      },
    });
    const first = event(11);
    await rig.post(first, headers(first, "c-1"));
    const calls = [rig.process(), rig.process(), rig.process()];
    while (rig.target.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    // Accepted while the first pass waits on the target: the waiting pass picks it up.
    const late = event(12);
    await rig.post(late, headers(late, "c-2"));
    release();
    const summaries = await Promise.all(calls);
    expect(summaries.map((s) => s.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(summaries[1]).toBe(summaries[2]);
    expect(rig.target.requests.map((r) => r.body)).toEqual([first, late]);
    expect(await rig.store.listExecutions({ connector: "hooks" })).toHaveLength(2);
    expect(await queueDepth(rig.store, "hooks")).toBe(0);
  });

  it("dead-letters a delivery the target refuses and moves on", async () => {
    rig = await webhookRig({ input: github, env, target: (_req, res) => sendJson(res, 422, { error: "no" }) });
    const body = event(10);
    await rig.post(body, headers(body, "dl-1"));
    const summary = await rig.process();
    expect(summary).toMatchObject({ status: "failed", counts: { failed: 1, sent: 0 } });
    expect(await queueDepth(rig.store, "hooks")).toBe(0);
  });
});
