import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { sendJson, startServer, type TestServer } from "../../test/support/http-server.js";
import * as webhookInput from "../modules/input-webhook/index.js";
import { createLogger, type LogEntry } from "../log/index.js";
import { fakeTime } from "../schedule/fake-time.test-support.js";
import { createRedactor } from "../secrets/index.js";
import { openStateStore, type StateStore } from "../state/index.js";
import { type LoadedArtifact, validateArtifact } from "../validate/index.js";
import { createServeMetrics } from "./serve-metrics.js";
import { Supervisor } from "./supervisor.js";

const START = Date.parse("2026-01-01T00:00:30Z");

interface Rig {
  supervisor: Supervisor;
  time: ReturnType<typeof fakeTime>;
  store: StateStore;
  logs: LogEntry[];
  metrics: () => string;
  artifact(name: string, input: Record<string, unknown>, outputPath?: string, settings?: unknown): LoadedArtifact;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(target: TestServer): Promise<Rig> {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-supervisor-"));
  const store = openStateStore(path.join(dir, "state.db"));
  const time = fakeTime(START);
  const logs: LogEntry[] = [];
  const logger = createLogger({ redactor: createRedactor(), sinks: [(e) => logs.push(e)] });
  const metrics = createServeMetrics({
    // The gauge is fed by serve's /metrics handler (serve-session.ts); these tests read depths directly.
    queueDepths: () => [],
    artifacts: () => ({ loaded: 0, invalid: 0 }),
  });
  const supervisor = new Supervisor({
    store,
    env: {},
    logger,
    runLogSinks: [],
    metrics,
    webhooks: webhookInput,
    now: time.now,
    setTimer: time.setTimer,
    drainTimeoutMs: 2000,
  });
  const running = supervisor;
  cleanups.push(async () => {
    await running.stop(2000);
    await store.close();
  });
  return {
    supervisor: running,
    time,
    store,
    logs,
    metrics: () => metrics.registry.render(),
    artifact(name, input, outputPath = "/sink", settings?: unknown) {
      const document = {
        apiVersion: "cannectors.dev/v1",
        kind: "Connector",
        metadata: { name },
        input,
        output: { type: "http", baseUrl: target.url, path: outputPath },
        ...(settings ? { settings } : {}),
      };
      const checked = validateArtifact(stringify(document), path.join(dir, `${name}.yaml`));
      if (!checked.artifact) throw new Error(JSON.stringify(checked.diagnostics));
      return checked.artifact;
    },
  };
}

async function servers(source: () => Promise<unknown> | unknown = () => undefined, targetStatus = () => 200) {
  const src = await startServer(async (_req, res) => {
    await source();
    sendJson(res, 200, { items: [{ id: 1 }, { id: 2 }] });
  });
  const target = await startServer((_req, res) => sendJson(res, targetStatus(), {}));
  cleanups.push(
    () => src.close(),
    () => target.close(),
  );
  return { src, target };
}

const eventually = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!(await check())) throw new Error(`timed out waiting for ${what}`);
};

const polling = (url: string, schedule?: string) => ({
  type: "http",
  baseUrl: url,
  path: "/items",
  records: "items",
  ...(schedule ? { schedule } : {}),
});

describe("Supervisor", () => {
  it("runs a polling connector at its due time and counts it in the metrics", async () => {
    const { src, target } = await servers();
    const r = await rig(target);
    r.supervisor.apply(new Map([["poll", r.artifact("poll", polling(src.url, "* * * * *"))]]));
    expect(target.requests).toHaveLength(0);
    r.time.advanceTo(START + 30_000);
    await eventually(() => /cannectors_runs_total\{connector="poll",status="succeeded"\} 1/.test(r.metrics()), "run");
    expect(target.requests.map((q) => q.url)).toEqual(["/sink", "/sink"]);
  });

  it("counts the runs' retries", async () => {
    let answered = 0;
    const { src, target } = await servers(undefined, () => (answered++ === 0 ? 503 : 200));
    const r = await rig(target);
    const retries = { retries: { maxAttempts: 3, initialDelay: "10ms", maxDelay: "20ms", jitter: "none" } };
    r.supervisor.apply(new Map([["poll", r.artifact("poll", polling(src.url, "* * * * *"), "/sink", retries)]]));
    r.time.advanceTo(START + 30_000);
    await eventually(() => /cannectors_runs_total\{connector="poll",status="succeeded"\} 1/.test(r.metrics()), "run");
    expect(r.metrics()).toContain('cannectors_retries_total{connector="poll"} 1');
    expect(target.requests).toHaveLength(3);
  });

  it("warns about a polling connector without a schedule and does not run it", async () => {
    const { src, target } = await servers();
    const r = await rig(target);
    r.supervisor.apply(new Map([["manual", r.artifact("manual", polling(src.url))]]));
    r.time.advanceTo(START + 3_600_000);
    expect(r.logs.some((l) => l.level === "warn" && l.message.includes("without input.schedule"))).toBe(true);
    expect(src.requests).toHaveLength(0);
  });

  it("reload: a run in progress finishes with the old artifact, the next uses the new one; removal stops it", async () => {
    let release: () => void = () => undefined;
    let blocked = true;
    const { src, target } = await servers(() =>
      blocked ? new Promise<void>((resolve) => (release = resolve)) : undefined,
    );
    const r = await rig(target);
    r.supervisor.apply(new Map([["poll", r.artifact("poll", polling(src.url, "* * * * *"), "/old")]]));
    r.time.advanceTo(START + 30_000);
    await eventually(() => src.requests.length === 1, "the first run to start reading");
    r.supervisor.apply(new Map([["poll", r.artifact("poll", polling(src.url, "* * * * *"), "/new")]]));
    blocked = false;
    release();
    await eventually(() => target.requests.length === 2, "the first run to deliver");
    await eventually(() => /status="succeeded"\} 1/.test(r.metrics()), "the first run to finish");
    r.time.advanceTo(START + 90_000);
    await eventually(() => target.requests.length === 4, "the second run to deliver");
    expect(target.requests.map((q) => q.url)).toEqual(["/old", "/old", "/new", "/new"]);
    r.supervisor.apply(new Map());
    r.time.advanceTo(START + 600_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(src.requests).toHaveLength(2);
    expect(r.supervisor.connectors).toEqual([]);
  });

  it("serves a webhook connector: a delivery is queued, processed and the queue drains", async () => {
    const { target } = await servers();
    const r = await rig(target);
    const hook = r.artifact("hook", { type: "webhook", path: "/hooks/in", verify: { type: "none" } });
    r.supervisor.apply(new Map([["hook", hook]]));
    const receiver = r.supervisor.receiver("/hooks/in");
    expect(receiver).toBeDefined();
    const answers = [];
    for (const id of [1, 2, 3]) {
      const request = new Request("http://127.0.0.1/hooks/in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id }),
      });
      answers.push((await receiver!.handle(request)).status);
    }
    expect(answers).toEqual([202, 202, 202]);
    await eventually(() => target.requests.length === 3, "the deliveries to reach the target");
    await eventually(async () => (await r.supervisor.queueDepths())[0]?.[1] === 0, "the queue to drain");
    expect(r.metrics()).toContain(
      'cannectors_webhook_deliveries_total{code="202",connector="hook",status="accepted"} 3',
    );
  });

  it.each([
    { name: "a reserved path", paths: ["/metrics"], message: "reserved by serve" },
    { name: "a path already served", paths: ["/hooks/in", "/hooks/in"], message: "already served" },
  ])("skips a webhook connector on $name", async ({ paths, message }) => {
    const { target } = await servers();
    const r = await rig(target);
    const hooks = paths.map((p, i) => r.artifact(`hook-${i}`, { type: "webhook", path: p, verify: { type: "none" } }));
    r.supervisor.apply(new Map(hooks.map((a) => [a.connector.metadata.name, a])));
    const skipped = r.logs.filter((l) => l.level === "error" && l.message.includes(message));
    expect(skipped.map((l) => l.fields.connector)).toEqual([`hook-${paths.length - 1}`]);
    expect(r.supervisor.receiver(paths[0]!)?.path === paths[0]).toBe(paths[0] !== "/metrics");
  });

  it("stop waits for a run in progress to drain", async () => {
    let release: () => void = () => undefined;
    const { src, target } = await servers(() => new Promise<void>((resolve) => (release = resolve)));
    const r = await rig(target);
    r.supervisor.apply(new Map([["poll", r.artifact("poll", polling(src.url, "* * * * *"))]]));
    r.time.advanceTo(START + 30_000);
    await eventually(() => src.requests.length === 1, "the run to start");
    const stopped = r.supervisor.stop(5000);
    setTimeout(() => release(), 20);
    expect(await stopped).toBe(true);
    expect((await r.store.listExecutions()).map((e) => e.status)).toEqual(["cancelled"]);
  });
});
