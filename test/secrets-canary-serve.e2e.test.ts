import { createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type RecordedRequest, sendJson, startServer } from "./support/http-server.js";
import { spawnCli, waitFor } from "./support/spawn-cli.js";
import {
  CANARY,
  closeServersAfterEach,
  everything,
  expectNoCanary,
  trackServer,
  workspace,
} from "./secrets-canary-support.js";

closeServersAfterEach();

const echo = (req: RecordedRequest) => ({ error: "no", youSent: req.headers, body: req.body });

describe("canary secrets never leave `cannectors serve`", () => {
  it("webhook deliveries, forged and genuine, to a target answering 500 that echoes the request headers", async () => {
    const target = trackServer(await startServer((req, res) => sendJson(res, 500, echo(req))));
    const ws = workspace("");
    const deadLetter = path.join(ws.dir, "dead.ndjson");
    ws.write(`apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: canary-hook }
input:
  type: webhook
  path: /hooks/canary
  verify: { type: hmac, header: X-Signature, secrets: ["\${env:CANARY_WEBHOOK_SECRET}"] }
output:
  type: http
  baseUrl: ${target.url}
  path: /sink
  headers: { X-Key: "\${env:CANARY_API_KEY}", X-Hook: "\${env:CANARY_WEBHOOK_SECRET}" }
  deadLetter: { path: ${deadLetter} }
settings:
  retries: { maxAttempts: 2, initialDelay: 10ms, maxDelay: 20ms }
`);
    const serve = spawnCli(
      ["serve", ws.file, "--port", "0", "--log-level", "debug", "--shutdown-timeout", "5"],
      ws.env,
    );
    let stdout = "";
    serve.child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    try {
      await waitFor(() => /listening on http:\/\/127\.0\.0\.1:\d+/.test(stdout), 15_000, "serve to listen");
      const url = `${/listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]}/hooks/canary`;
      const body = JSON.stringify({ id: "evt-1", note: "hello" });
      const post = (signature: string) =>
        fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-signature": signature }, body });
      const forged = await post(createHmac("sha256", "not-the-secret").update(body).digest("hex"));
      expect(forged.status).toBe(401);
      const genuine = await post(createHmac("sha256", CANARY.CANARY_WEBHOOK_SECRET).update(body).digest("hex"));
      expect(genuine.status).toBe(202);
      await waitFor(() => existsSync(deadLetter), 15_000, "the delivery dead-lettered");
      // The target did receive the secrets in its headers: the echo carried them back to the runtime.
      expect(target.requests[0]?.headers["x-hook"]).toBe(CANARY.CANARY_WEBHOOK_SECRET);
    } finally {
      serve.child.kill("SIGTERM");
    }
    const ended = await serve.exited;
    expectNoCanary(await everything(ws, [{ ...ended, stdout: ended.stdout }]));
  });
});
