import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { LogEntry } from "../runtime/log/index.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { runYaml } from "./support/run-yaml.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Status line and headers promise 100 bytes; 6 arrive, then the connection is cut. */
function cutOff(res: ServerResponse, status: number): void {
  res.writeHead(status, { "content-type": "application/json", "content-length": "100" });
  res.write('{"ok":');
  setTimeout(() => res.socket?.destroy(), 20);
}

async function deliver(answer: (res: ServerResponse) => void, settings = "") {
  const records = [{ id: "a" }, { id: "b" }, { id: "c" }];
  const source = await startServer((_req, res) => sendJson(res, 200, { items: records }));
  const target = await startServer((_req, res) => answer(res));
  servers.push(source, target);
  const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: in-doubt }
input: { type: http, baseUrl: ${source.url}, path: /items, records: items }
output:
  type: http
  baseUrl: ${target.url}
  path: /sink
  idempotency: { key: record.id }
settings:
  retries: { maxAttempts: 3, initialDelay: 10ms, maxDelay: 20ms }
${settings}`;
  const logs: LogEntry[] = [];
  const { summary, dead } = await runYaml(yaml, { logSinks: [(entry) => logs.push(entry)] });
  return { summary, target, dead, logs };
}

describe("a 2xx whose body is cut off", () => {
  it("counts as delivered: one request per record, no retry, no dead letter, a warning", async () => {
    const { summary, target, dead, logs } = await deliver((res) => cutOff(res, 200));
    expect(target.requests.map((r) => JSON.parse(r.body).id)).toEqual(["a", "b", "c"]);
    expect(summary).toMatchObject({ status: "succeeded", counts: { sent: 3, failed: 0, retries: 0 } });
    expect(dead).toEqual([]);
    const warnings = logs.filter((entry) => entry.message.includes("response body cut off"));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatchObject({ level: "warn", fields: { status: 200 } });
  });

  it("a 2xx body beyond settings.limits.maxResponseBytes is delivered too (the body is never needed)", async () => {
    const big = JSON.stringify({ filler: "x".repeat(4096) });
    const { summary, target, dead } = await deliver(
      (res) => sendJson(res, 201, JSON.parse(big)),
      "  limits: { maxResponseBytes: 1024 }\n",
    );
    expect(target.requests).toHaveLength(3);
    expect(summary.counts).toMatchObject({ sent: 3, failed: 0, retries: 0 });
    expect(dead).toEqual([]);
  });

  it("a 503 cut off the same way is still retried (the target said it did not process it)", async () => {
    let calls = 0;
    const { summary, target } = await deliver((res) => {
      calls++;
      if (calls === 1) cutOff(res, 503);
      else sendJson(res, 200, { ok: true });
    });
    const sent = target.requests.map((r) => [JSON.parse(r.body).id, r.headers["idempotency-key"]]);
    expect(sent.map(([id]) => id).sort()).toEqual(["a", "a", "b", "c"]);
    // The first record's retry carries its first attempt's key.
    expect(sent.filter(([id]) => id === sent[0]![0])).toEqual([sent[0], sent[0]]);
    expect(summary.counts).toMatchObject({ sent: 3, failed: 0, retries: 1 });
  });
});
