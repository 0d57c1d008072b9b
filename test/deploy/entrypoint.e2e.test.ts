import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/http-server.js";
import { waitFor } from "../support/spawn-cli.js";

/**
 * The image's entry point and healthcheck scripts, run outside Docker (no Docker engine here): the
 * image runs exactly these with the environment the Dockerfile sets. What Docker itself would do
 * (the build, the user, the read-only filesystem) is not run; see docs/deploy.md.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const ENTRYPOINT = path.join(ROOT, "deploy/docker/entrypoint.sh");
const HEALTHCHECK = path.join(ROOT, "deploy/docker/healthcheck.mjs");

const artifact = (target: string) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: deploy-webhook
input:
  type: webhook
  path: /hooks/orders
  verify: { type: none }
output:
  type: http
  baseUrl: ${target}
  path: /orders
`;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });

const healthcheck = (port: number, ...args: string[]) =>
  spawnSync(process.execPath, [HEALTHCHECK, ...args], { env: { ...process.env, CANNECTORS_PORT: String(port) } });

let target: TestServer;
let dir = "";
let port = 0;
let worker: ChildProcess;
let exited: Promise<number | null>;
const received: unknown[] = [];

beforeAll(async () => {
  target = await startServer((req, res) => {
    received.push(JSON.parse(req.body));
    res.writeHead(200).end("{}");
  });
  dir = mkdtempSync(path.join(tmpdir(), "cannectors-deploy-"));
  writeFileSync(path.join(dir, "orders.yaml"), artifact(target.url));
  port = await freePort();
  worker = spawn(ENTRYPOINT, [], {
    cwd: dir,
    env: {
      ...process.env,
      CANNECTORS_CONNECTORS: dir,
      CANNECTORS_HOST: "127.0.0.1",
      CANNECTORS_PORT: String(port),
      CANNECTORS_STATE: path.join(dir, "state.db"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  exited = new Promise((resolve) => worker.on("exit", (code) => resolve(code)));
});

afterAll(async () => {
  if (worker.exitCode === null) worker.kill("SIGKILL");
  await target.close();
});

describe("deploy/docker/entrypoint.sh and healthcheck.mjs", () => {
  it("healthcheck fails while nothing answers, then passes on /healthz and /readyz once serve is up", async () => {
    const before = await freePort();
    expect(healthcheck(before).status).toBe(1);
    await waitFor(() => healthcheck(port, "--ready").status === 0, 20_000, "serve to be ready");
    expect(healthcheck(port).status).toBe(0);
  });

  it("serves the connectors of $CANNECTORS_CONNECTORS: a webhook delivery reaches the target", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/hooks/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: 7, total: "12.50" }),
    });
    expect(response.status).toBeLessThan(300);
    await waitFor(() => received.length === 1, 10_000, "the delivery at the target");
    expect(received).toEqual([{ id: 7, total: "12.50" }]);
  });

  it("SIGTERM reaches serve through the script (exec): it drains and exits 0, and the healthcheck then fails", async () => {
    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(healthcheck(port).status).toBe(1);
  });

  it("passes any other command to the CLI with its exit code (validate: 0 valid, 2 invalid)", () => {
    const valid = spawnSync(ENTRYPOINT, ["validate", path.join(dir, "orders.yaml")], { env: process.env });
    expect(valid.status, valid.stderr.toString()).toBe(0);
    writeFileSync(path.join(dir, "broken.yaml"), "apiVersion: cannectors.dev/v1\nkind: Connector\n");
    const invalid = spawnSync(ENTRYPOINT, ["validate", path.join(dir, "broken.yaml")], { env: process.env });
    expect(invalid.status).toBe(2);
  });
});
