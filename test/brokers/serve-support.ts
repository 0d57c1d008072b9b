/**
 * The serve scenario shared by the three brokers: `cannectors serve` consumes through a TCP proxy
 * into a slow loopback sink; /readyz and /metrics show the consumer; the proxy refuses for a while
 * (readyz 503, then 200 again once it reconnects); SIGTERM drains; a second serve takes the rest.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { startServer } from "../support/http-server.js";
import { type ServeProcess, startServe } from "../support/serve-process.js";
import { startTcpProxy } from "../support/tcp-proxy.js";

const NAME = "broker-serve";

export async function serveThroughCut(options: {
  /** The broker's port on 127.0.0.1 and its URL scheme with credentials (`amqp://guest:guest@`). */
  port: number;
  urlPrefix: string;
  /** Messages already published, ids 0..total-1 (the body `{"id":N}`). */
  total: number;
  /** The connector's input section (indented by two spaces), given the broker URL to use. */
  input: (url: string) => string;
  cleanups: (() => Promise<unknown>)[];
}): Promise<void> {
  const seen = new Map<number, number>();
  const sink = await startServer(async (req, res) => {
    // Slow enough that serve is mid-stream when the connection is cut and when it is stopped.
    await new Promise((resolve) => setTimeout(resolve, 25));
    for (const record of JSON.parse(req.body) as { id: number }[]) seen.set(record.id, (seen.get(record.id) ?? 0) + 1);
    res.writeHead(200).end("{}");
  });
  const proxy = await startTcpProxy(options.port);
  options.cleanups.push(
    () => sink.close(),
    () => proxy.close(),
  );
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-broker-serve-"));
  const connector = (url: string) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: ${NAME}
input:
${options.input(url)}
output:
  type: http
  baseUrl: ${sink.url}
  path: /sink
  batch:
    size: 20
`;
  writeFileSync(path.join(dir, "connector.yaml"), connector(`${options.urlPrefix}127.0.0.1:${proxy.port}`));
  const first = await startServe(dir);
  options.cleanups.push(async () => first.spawned.child.kill("SIGKILL"));

  await until(() => seen.size >= options.total / 10, "the first deliveries");
  expect(await ready(first)).toEqual({ code: 200, body: { status: "ready", brokers: { [NAME]: "connected" } } });
  const metrics = await (await fetch(`${first.url}/metrics`)).text();
  expect(metrics).toMatch(
    new RegExp(`cannectors_broker_messages_total\\{connector="${NAME}",outcome="acked"\\} [1-9]`),
  );
  expect(metrics).toContain(`cannectors_broker_connected{connector="${NAME}"} 1`);
  expect(metrics).toMatch(new RegExp(`cannectors_broker_in_flight\\{connector="${NAME}"\\} \\d+`));

  // The broker goes away: readiness says so; it comes back: the consumer reconnects by itself.
  proxy.refuse(true);
  proxy.cut();
  await untilAsync(async () => (await ready(first)).code === 503, "readyz to report the lost connection");
  expect((await ready(first)).body).toEqual({ status: "broker disconnected", brokers: { [NAME]: "disconnected" } });
  proxy.refuse(false);
  await untilAsync(async () => (await ready(first)).code === 200, "readyz to report the connection back");
  // Sent before the connection came back: their acknowledgements may have been lost with it, so the
  // broker may redeliver them at any time (at-least-once); the drain check below leaves them out.
  const beforeReconnect = new Set(seen.keys());
  const afterCut = seen.size;
  await until(
    () => seen.size >= Math.min(options.total * 0.6, afterCut + options.total / 5),
    "deliveries after the cut",
  );

  // SIGTERM: stop consuming, finish the batches in flight, acknowledge them, exit 0.
  first.spawned.child.kill("SIGTERM");
  const exit = await first.spawned.exited;
  expect(exit.code).toBe(0);
  expect(exit.stderr).toContain("stopped");
  expect(exit.stderr).not.toContain("did not finish in time");
  const beforeStop = new Map(seen);

  // The rest, by a second serve straight to the broker: nothing lost, nothing the first delivered comes again.
  writeFileSync(path.join(dir, "connector.yaml"), connector(`${options.urlPrefix}127.0.0.1:${options.port}`));
  const second = await startServe(dir);
  options.cleanups.push(async () => second.spawned.child.kill("SIGKILL"));
  await until(() => seen.size === options.total, "every message at the sink");
  // Stopped while idle: the consumer ends at the signal, it does not sit out serve's 30 s shutdown timeout.
  const stoppedAt = Date.now();
  second.spawned.child.kill("SIGTERM");
  expect((await second.spawned.exited).code).toBe(0);
  expect(Date.now() - stoppedAt).toBeLessThan(15_000);
  const again = [...beforeStop.keys()].filter((id) => !beforeReconnect.has(id) && seen.get(id)! > beforeStop.get(id)!);
  expect(again).toEqual([]);
}

async function ready(serve: ServeProcess): Promise<{ code: number; body: unknown }> {
  const response = await fetch(`${serve.url}/readyz`);
  return { code: response.status, body: await response.json() };
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  await untilAsync(async () => condition(), what, timeoutMs);
}

async function untilAsync(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
