import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStateStore } from "../runtime/state/index.js";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { type SpawnedCli, spawnCli, waitFor } from "./support/spawn-cli.js";

const artifact = (
  name: string,
  source: string,
  target: string,
  schedule: string,
  sinkPath = "/sink",
) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: ${name}
input:
  type: http
  baseUrl: ${source}
  path: /items
  records: items
  schedule: "${schedule}"
output:
  type: http
  baseUrl: ${target}
  path: ${sinkPath}
`;

interface Serve {
  spawned: SpawnedCli;
  url: string;
  stderr: () => string;
}

async function startServe(args: string[]): Promise<Serve> {
  const spawned = spawnCli(["serve", ...args, "--port", "0", "--shutdown-timeout", "5"]);
  let stdout = "";
  let stderr = "";
  spawned.child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  spawned.child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await waitFor(
    () => /listening on http:\/\/127\.0\.0\.1:\d+/.test(stdout) || spawned.child.exitCode !== null,
    10_000,
    "serve to listen",
  );
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
  if (!url) throw new Error(`serve did not start:\n${stderr}`);
  return { spawned, url, stderr: () => stderr };
}

/** The due times (ms) of a connector's scheduled runs, from serve's JSON log lines. */
function scheduledDues(stderr: string, connector: string): number[] {
  const dues: number[] = [];
  for (const line of stderr.split("\n")) {
    if (!line.includes('"message":"scheduled run"')) continue;
    const entry = JSON.parse(line) as { connector?: string; due?: string };
    if (entry.connector === connector && entry.due !== undefined) dues.push(Date.parse(entry.due));
  }
  return dues;
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-serve-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("cannectors serve", () => {
  let source: TestServer;
  let target: TestServer;
  let dir: string;
  let serve: Serve;
  const sent = (sinkPath: string) => target.requests.filter((r) => r.url === sinkPath).length;

  beforeAll(async () => {
    source = await startServer((_req, res) => sendJson(res, 200, { items: [{ id: 1 }, { id: 2 }] }));
    target = await startServer((_req, res) => sendJson(res, 200, {}));
    dir = workspace({
      "every-second.yaml": artifact("every-second", source.url, target.url, "* * * * * *"),
      "broken.yaml": artifact("broken", source.url, target.url, "61 * * * *"),
    });
    serve = await startServe([dir, "--state", path.join(dir, "state.db")]);
  });

  afterAll(async () => {
    if (serve?.spawned.child.exitCode === null) serve.spawned.child.kill("SIGKILL");
    await source?.close();
    await target?.close();
  });

  it("reports the invalid artifact with its location and runs the valid one on its schedule", async () => {
    expect(serve.stderr()).toMatch(/broken\.yaml:10:\d+ input\.schedule CANNECTORS_E_CRON/);
    await waitFor(() => sent("/sink") >= 4, 10_000, "two scheduled runs to deliver");
    // Two runs, told by the due times serve fired them for. Not by the seconds in which the source
    // saw its requests: a fresh process's first run is slower to reach the source than the next one,
    // so two runs a second apart can fall within one second of the source's own clock.
    const dues = scheduledDues(serve.stderr(), "every-second");
    expect(new Set(dues).size).toBeGreaterThanOrEqual(2);
    expect(dues.filter((due) => due % 1000 !== 0)).toEqual([]);
    expect(source.requests.length).toBeGreaterThanOrEqual(2);
  });

  it("answers /healthz and /readyz", async () => {
    const health = await fetch(`${serve.url}/healthz`);
    const ready = await fetch(`${serve.url}/readyz`);
    expect([health.status, ready.status]).toEqual([200, 200]);
    expect(await ready.json()).toEqual({ status: "ready" });
    expect((await fetch(`${serve.url}/nope`)).status).toBe(404);
  });

  it("exposes Prometheus metrics", async () => {
    await waitFor(() => sent("/sink") >= 2, 10_000, "a delivery");
    const response = await fetch(`${serve.url}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain("# TYPE cannectors_runs_total counter");
    expect(text).toContain("# TYPE cannectors_run_duration_seconds histogram");
    expect(text).toContain('cannectors_artifacts{state="invalid"} 1');
    const succeeded = /cannectors_runs_total\{connector="every-second",status="succeeded"\} (\d+)/.exec(text);
    const sentTotal = /cannectors_records_sent_total\{connector="every-second"\} (\d+)/.exec(text);
    expect(Number(succeeded?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(sentTotal?.[1])).toBe(2 * Number(succeeded?.[1]));
    for (const line of text.trim().split("\n")) {
      expect(line).toMatch(
        /^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{[^}]*\})? [0-9.e+-]+|[a-z_]+\{[^}]*le="\+Inf"[^}]*\} \d+)$/,
      );
    }
  });

  it("reloads a changed artifact on SIGHUP", async () => {
    const file = path.join(dir, "every-second.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("path: /sink", "path: /sink-v2"));
    serve.spawned.child.kill("SIGHUP");
    await waitFor(() => sent("/sink-v2") >= 2, 10_000, "a run of the reloaded artifact");
    await waitFor(() => serve.stderr().includes('"reason":"SIGHUP"'), 10_000, "the SIGHUP reload to be logged");
    expect(serve.stderr()).toContain('"message":"connector reloaded"');
  });

  it("keeps the last valid version of an artifact that a file change made invalid", async () => {
    const file = path.join(dir, "every-second.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("type: http\n  baseUrl", "type: htttp\n  baseUrl"));
    await waitFor(() => serve.stderr().includes("skipping " + file), 10_000, "the watch to report the broken file");
    const before = sent("/sink-v2");
    await waitFor(() => sent("/sink-v2") >= before + 2, 10_000, "the last valid version to keep running");
  });

  it("stops on SIGTERM: exits 0 and leaves no run unfinished", async () => {
    serve.spawned.child.kill("SIGTERM");
    const exit = await serve.spawned.exited;
    expect(exit.code).toBe(0);
    const store = openStateStore(path.join(dir, "state.db"));
    try {
      const executions = await store.listExecutions({ limit: 1000 });
      expect(executions.length).toBeGreaterThanOrEqual(3);
      expect(executions.filter((e) => e.status === "running")).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe("cannectors serve catch-up", () => {
  it.each([
    { name: "a due time missed while stopped runs once at start", lastFire: "2020-01-01T00:00:00.000Z", runs: 1 },
    { name: "a first start only records a baseline", lastFire: undefined, runs: 0 },
  ])("$name", async ({ lastFire, runs }) => {
    const source = await startServer((_req, res) => sendJson(res, 200, { items: [{ id: 1 }] }));
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    const dir = workspace({ "yearly.yaml": artifact("yearly", source.url, target.url, "0 0 1 1 *") });
    const state = path.join(dir, "state.db");
    if (lastFire) {
      const store = openStateStore(state);
      await store.setCursor("schedule:yearly", lastFire, "seed");
      await store.close();
    }
    const serve = await startServe([dir, "--state", state, "--no-watch"]);
    try {
      await waitFor(() => /"message":"scheduled"/.test(serve.stderr()), 10_000, "the schedule");
      if (runs > 0) await waitFor(() => target.requests.length > 0, 10_000, "the catch-up run");
      serve.spawned.child.kill("SIGTERM");
      expect((await serve.spawned.exited).code).toBe(0);
      expect(target.requests).toHaveLength(runs);
      const store = openStateStore(state);
      const recorded = await store.getCursor("schedule:yearly");
      await store.close();
      expect(recorded).toBeDefined();
      expect(Date.parse(recorded!)).toBeGreaterThan(Date.parse("2025-01-01T00:00:00Z"));
    } finally {
      if (serve.spawned.child.exitCode === null) serve.spawned.child.kill("SIGKILL");
      await source.close();
      await target.close();
    }
  });
});

describe("cannectors serve: refusing to start", () => {
  it("exits 2 when no artifact is valid, before creating the state file", async () => {
    const dir = workspace({ "broken.yaml": artifact("broken", "http://127.0.0.1:1", "http://127.0.0.1:2", "bad") });
    const state = path.join(dir, "state.db");
    const result = await runCli(["serve", dir, "--port", "0", "--state", state]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.yaml:10:\d+ input\.schedule CANNECTORS_E_CRON/);
    expect(existsSync(state)).toBe(false);
  });

  it("exits 1 naming the address when the port is taken", async () => {
    const taken = await startServer((_req, res) => sendJson(res, 200, {}));
    try {
      const dir = workspace({ "ok.yaml": artifact("ok", "http://127.0.0.1:1", "http://127.0.0.1:2", "0 0 1 1 *") });
      const result = await runCli(["serve", dir, "--port", String(taken.port), "--state", path.join(dir, "s.db")]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`cannot listen on 127.0.0.1:${taken.port}`);
    } finally {
      await taken.close();
    }
  });
});
