import { createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { type SpawnedCli, spawnCli, waitFor } from "./support/spawn-cli.js";

/**
 * The webhook path through the real `cannectors serve` process (the module's own tests drive the
 * receiver behind a bare server): GitHub signatures, duplicates, hostile bodies, reload with
 * deliveries queued.
 */
const SECRET = "serve-webhook-secret";

const artifact = (target: string, titlePrefix = "") => `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: github-issues
input:
  type: webhook
  path: /hooks/github
  maxBodySize: 1048576
  verify:
    type: github
    secrets: ["\${env:GH_WEBHOOK_SECRET}"]
  dedupe: { header: X-GitHub-Delivery }
filters:
  - type: map
    fields:
      - { target: external_id, from: issue.id }
      - { target: title, expr: '"${titlePrefix}" + record.issue.title' }
output:
  type: http
  baseUrl: ${target}
  path: /tickets
  idempotency: { key: record.external_id }
settings:
  retries: { maxAttempts: 100, initialDelay: 50ms, maxDelay: 100ms, jitter: none }
`;

const sign = (body: string | Buffer) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

let targetUp = true;
let target: TestServer;
let serve: SpawnedCli;
let url = "";
let dir = "";
let stdout = "";

const issue = (id: number) => JSON.stringify({ action: "opened", issue: { id, title: `Issue ${id}` } });
const deliver = (body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${url}/hooks/github`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": sign(body), ...headers },
    body,
  });
/** What the target acknowledged (200); requests it refused with 503 while "down" are only counted. */
const tickets: Ticket[] = [];
let refused = 0;
const received = () => tickets;
const storedRows = () => {
  const db = new Database(path.join(dir, "state.db"), { readonly: true });
  try {
    return db.prepare("SELECT COUNT(*) FROM webhook_deliveries").pluck().get() as number;
  } finally {
    db.close();
  }
};

interface Ticket {
  external_id: number;
  title: string;
}

beforeAll(async () => {
  target = await startServer((req, res) => {
    if (!targetUp) {
      refused++;
      return sendJson(res, 503, {});
    }
    tickets.push(JSON.parse(req.body) as Ticket);
    sendJson(res, 200, {});
  });
  dir = mkdtempSync(path.join(tmpdir(), "cannectors-serve-webhook-"));
  writeFileSync(path.join(dir, "github.yaml"), artifact(target.url));
  serve = spawnCli(["serve", dir, "--port", "0", "--state", path.join(dir, "state.db"), "--no-watch"], {
    GH_WEBHOOK_SECRET: SECRET,
  });
  serve.child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  await waitFor(() => /listening on http/.test(stdout) || serve.child.exitCode !== null, 20_000, "serve to listen");
  url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? "";
  if (!url) throw new Error(`serve did not start: ${(await serve.exited).stderr}`);
}, 30_000);

afterAll(async () => {
  if (serve.child.exitCode === null) serve.child.kill("SIGKILL");
  await target.close();
});

describe("webhooks through cannectors serve", () => {
  it("accepts a delivery signed as GitHub signs it and maps it into the target", async () => {
    const response = await deliver(issue(1), { "x-github-delivery": "g-1" });
    expect(response.status).toBe(202);
    await waitFor(() => received().some((t) => t.external_id === 1), 10_000, "the ticket");
    expect(received().find((t) => t.external_id === 1)).toEqual({ external_id: 1, title: "Issue 1" });
  });

  it("a delivery sent 3 times in sequence and 5 times concurrently reaches the target once each, every copy 2xx", async () => {
    const sequential = [];
    for (let i = 0; i < 3; i++) sequential.push((await deliver(issue(2), { "x-github-delivery": "g-2" })).status);
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => deliver(issue(3), { "x-github-delivery": "g-3" }).then((r) => r.status)),
    );
    for (const status of [...sequential, ...concurrent]) expect(status).toBeGreaterThanOrEqual(200);
    for (const status of [...sequential, ...concurrent]) expect(status).toBeLessThan(300);
    await waitFor(() => received().some((t) => t.external_id === 3), 10_000, "the concurrent delivery");
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrong second copy to arrive
    expect(received().filter((t) => t.external_id === 2)).toHaveLength(1);
    expect(received().filter((t) => t.external_id === 3)).toHaveLength(1);
  });

  it("refuses forged and hostile deliveries with the right 4xx, stores none of them and stays healthy", async () => {
    const before = storedRows();
    const body = issue(4);
    const cases: [string, Promise<Response>, number][] = [
      ["wrong secret", deliver(body, { "x-hub-signature-256": `sha256=${"0".repeat(64)}` }), 401],
      ["body changed by one byte", deliver(body.replace("4", "5"), { "x-hub-signature-256": sign(body) }), 401],
      ["missing signature", fetch(`${url}/hooks/github`, { method: "POST", body, headers: jsonType }), 401],
      ["1 MiB + 1", deliver(Buffer.alloc(1_048_577, 0x20)), 413],
      ["wrong content type", deliver(body, { "content-type": "text/plain" }), 415],
      ["malformed JSON", deliver("{not json"), 400],
      ["invalid UTF-8", deliver(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])), 400],
      ["__proto__ key", deliver('{"__proto__": {"polluted": true}, "issue": {"id": 9}}'), 400],
      ["deeply nested JSON", deliver(`${"[".repeat(10_000)}${"]".repeat(10_000)}`), 400],
    ];
    for (const [what, response, status] of cases) expect((await response).status, what).toBe(status);
    expect(storedRows()).toBe(before);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const delivered = (code: number, status: string) => {
      const line = `cannectors_webhook_deliveries_total{code="${code}",connector="github-issues",status="${status}"} `;
      return Number(
        metrics
          .split("\n")
          .find((l) => l.startsWith(line))
          ?.slice(line.length),
      );
    };
    const rejected = [401, 413, 415, 400].map((code) => delivered(code, "rejected"));
    expect(rejected).toEqual([3, 1, 1, 4]);
  });

  it("keeps deliveries queued across a SIGHUP reload: each reaches the target once the target is back", async () => {
    targetUp = false;
    for (const id of [10, 11, 12]) {
      expect((await deliver(issue(id), { "x-github-delivery": `g-${id}` })).status).toBe(202);
    }
    await waitFor(() => refused > 0, 10_000, "attempts against the down target");
    writeFileSync(path.join(dir, "github.yaml"), artifact(target.url, "v2: "));
    serve.child.kill("SIGHUP");
    await new Promise((resolve) => setTimeout(resolve, 500));
    targetUp = true;
    await waitFor(
      () => [10, 11, 12].every((id) => received().some((t) => t.external_id === id)),
      20_000,
      "the queued deliveries",
    );
    for (const id of [10, 11, 12]) expect(received().filter((t) => t.external_id === id)).toHaveLength(1);
    serve.child.kill("SIGTERM");
    const exited = await serve.exited;
    expect(exited.code, exited.stderr).toBe(0);
    expect(exited.stderr).toContain("connector reloaded");
  });
});

const jsonType = { "content-type": "application/json" };
