import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { type RecordedRequest, sendJson, startServer, type TestServer } from "./support/http-server.js";

/**
 * Run-completion notifications and failure alerts through the real CLI: a source that fails or
 * answers, a target, and a receiver that checks each Standard Webhooks signature with its own HMAC
 * (not the signing library's verifier).
 */
const KEY = randomBytes(32);
const SECRET = `whsec_${KEY.toString("base64")}`;

let sourceUp = false;
let refuseTwo = true;
let receiverAnswers: number[] = [];
let source: TestServer;
let target: TestServer;
let receiver: TestServer;
const events: RecordedRequest[] = [];
let dir = "";

const artifact = (notifyUrl: string) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: notify-demo
input:
  type: http
  baseUrl: ${source.url}
  path: /customers
  records: data
output:
  type: http
  baseUrl: ${target.url}
  path: /clients
settings:
  retries: { maxAttempts: 2, initialDelay: 10ms, maxDelay: 20ms, jitter: none }
  notifications:
    - url: ${notifyUrl}
      secret: \${secret:NOTIFY_SIGNING_SECRET}
      on: [succeeded, failed, alert]
  alerts: { consecutiveFailures: 2 }
`;

const run = (file: string) =>
  runCli(["run", file, "--state", path.join(dir, "state.db")], {
    env: { NOTIFY_SIGNING_SECRET: SECRET },
    cwd: dir,
  });

/** Standard Webhooks: base64 HMAC-SHA256 of `id.timestamp.body` under the secret's decoded key. */
const expectedSignature = (request: RecordedRequest) =>
  `v1,${createHmac("sha256", KEY)
    .update(`${request.headers["webhook-id"]}.${request.headers["webhook-timestamp"]}.${request.body}`)
    .digest("base64")}`;

const types = () => events.map((event) => (JSON.parse(event.body) as { type: string }).type);

beforeAll(async () => {
  source = await startServer((_req, res) =>
    sourceUp ? sendJson(res, 200, { data: [{ id: 1 }, { id: 2 }] }) : sendJson(res, 500, { error: "down" }),
  );
  // While `refuseTwo`, record 2 is refused for good on /partial: that run ends partial (record 1 sent, 2 dead-lettered).
  target = await startServer((req, res) =>
    refuseTwo && req.url === "/partial" && (JSON.parse(req.body) as { id: number }).id === 2
      ? sendJson(res, 422, { error: "refused" })
      : sendJson(res, 200, {}),
  );
  receiver = await startServer((req, res) => {
    events.push(req);
    sendJson(res, receiverAnswers.shift() ?? 204, {});
  });
  dir = mkdtempSync(path.join(tmpdir(), "cannectors-notify-"));
  writeFileSync(path.join(dir, "c.yaml"), artifact(`${receiver.url}/hooks/cannectors`));
  // The default events (partial, failed, alert): no `on`, and its own target path.
  const byDefault = artifact(`${receiver.url}/hooks/cannectors`)
    .replace("name: notify-demo", "name: notify-partial")
    .replace("path: /clients", "path: /partial")
    .replace(/\n {6}on: .*\n/, "\n");
  writeFileSync(path.join(dir, "p.yaml"), byDefault);
});

afterAll(async () => {
  await Promise.all([source.close(), target.close(), receiver.close()]);
});

describe("settings.notifications and settings.alerts", () => {
  it("tells every run's end, and alerts once when the second failure in a row happens", async () => {
    for (let i = 0; i < 3; i++) expect((await run("c.yaml")).code).toBe(1);
    expect(types()).toEqual(["run.failed", "run.failed", "connector.alert", "run.failed"]);
    const alert = JSON.parse(events[2]!.body) as { data: { consecutiveFailures: number; connector: string } };
    expect(alert.data).toMatchObject({ consecutiveFailures: 2, connector: "notify-demo" });
  });

  it("a success ends the streak; the next two failures alert again", async () => {
    events.length = 0;
    sourceUp = true;
    expect((await run("c.yaml")).code).toBe(0);
    sourceUp = false;
    for (let i = 0; i < 2; i++) expect((await run("c.yaml")).code).toBe(1);
    expect(types()).toEqual(["run.succeeded", "run.failed", "run.failed", "connector.alert"]);
    const succeeded = JSON.parse(events[0]!.body) as { data: Record<string, unknown> };
    expect(succeeded.data).toMatchObject({ status: "succeeded", counts: { read: 2, sent: 2, failed: 0 } });
    expect(Object.keys(succeeded.data).sort()).toEqual(["connector", "counts", "durationMs", "executionId", "status"]);
  });

  it("signs every request the Standard Webhooks way, and never carries the secret", () => {
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.headers["webhook-signature"]).toBe(expectedSignature(event));
      expect(Math.abs(Number(event.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(120);
      expect(event.body).not.toContain(KEY.toString("base64"));
    }
  });

  it("tells a partial run (records dead-lettered) by default, and not a succeeded one", async () => {
    events.length = 0;
    sourceUp = true;
    expect((await run("p.yaml")).code).toBe(1);
    refuseTwo = false;
    expect((await run("p.yaml")).code).toBe(0);
    expect(types()).toEqual(["run.partial"]);
    const partial = JSON.parse(events[0]!.body) as { data: { status: string; counts: Record<string, number> } };
    expect(partial.data).toMatchObject({ status: "partial", counts: { read: 2, sent: 1, failed: 1 } });
    expect(events[0]!.headers["webhook-signature"]).toBe(expectedSignature(events[0]!));
  });

  it("retries a refused notification under the same webhook-id; the run's status is its own", async () => {
    events.length = 0;
    sourceUp = true;
    receiverAnswers = [503];
    const result = await run("c.yaml");
    expect(result.code).toBe(0);
    expect(events).toHaveLength(2);
    expect(events[0]!.headers["webhook-id"]).toBe(events[1]!.headers["webhook-id"]);
    expect(types()).toEqual(["run.succeeded", "run.succeeded"]);
  });

  it("a receiver that never accepts is a warning, never the run's failure, and the secret stays out of the logs", async () => {
    events.length = 0;
    receiverAnswers = [500, 500, 500, 500];
    const result = await run("c.yaml");
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/notification not delivered/);
    expect(result.stderr + result.stdout).not.toContain(KEY.toString("base64"));
  });
});
