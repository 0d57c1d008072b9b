/**
 * /readyz of a serve worker on PostgreSQL follows the job engine's connection: 503 while the
 * database cannot be reached (through a proxy the test closes), 200 again once it can, and the
 * worker survives the outage (/healthz stays 200, SIGTERM still exits 0).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type SpawnedCli, spawnCli, waitFor } from "./support/spawn-cli.js";
import { BACKENDS, dropSchema, POSTGRES_URL, uniqueSchema, usableBackends } from "./support/state-backends.js";

const postgres = BACKENDS.find((backend) => backend.name === "postgres")!;

/** A loopback proxy to PostgreSQL; while `down`, open connections are dropped and new ones refused. */
async function startSwitchableProxy(targetPort: number) {
  const open = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect({ host: "127.0.0.1", port: targetPort });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("error", () => undefined).on("close", () => open.delete(socket));
    }
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    setDown(value: boolean) {
      down = value;
      if (value) for (const socket of open) socket.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.runIf(usableBackends().includes(postgres))("serve worker /readyz and the job engine's connection", () => {
  const schema = uniqueSchema("ready");
  let spawned: SpawnedCli | undefined;
  afterAll(async () => {
    if (spawned && spawned.child.exitCode === null) spawned.child.kill("SIGKILL");
    await dropSchema(schema).catch(() => undefined);
    await dropSchema(`${schema}_jobs`).catch(() => undefined);
  });

  it("answers 503 while PostgreSQL is unreachable and 200 once it is back", async () => {
    const target = new URL(POSTGRES_URL);
    const proxy = await startSwitchableProxy(Number(target.port || 5432));
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-ready-"));
    writeFileSync(
      path.join(dir, "hooks.yaml"),
      `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: hooks }
input: { type: webhook, path: /hooks/in, verify: { type: none } }
output: { type: http, baseUrl: "http://127.0.0.1:9", path: /sink }
`,
    );
    const state = new URL(POSTGRES_URL);
    state.port = String(proxy.port);
    state.searchParams.set("schema", schema);
    spawned = spawnCli(["serve", dir, "--port", "0", "--state", state.toString(), "--no-watch"]);
    let stdout = "";
    spawned.child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    await waitFor(() => /listening on http/.test(stdout) || spawned?.child.exitCode !== null, 60_000, "serve");
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1];
    const status = async (route: string) => (await fetch(`${url}${route}`)).status;
    const eventually = async (route: string, expected: number) => {
      const deadline = Date.now() + 15_000;
      let last = await status(route);
      while (last !== expected && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        last = await status(route);
      }
      return last;
    };
    try {
      expect(await eventually("/readyz", 200)).toBe(200);
      proxy.setDown(true);
      expect(await eventually("/readyz", 503)).toBe(503);
      expect(await status("/healthz")).toBe(200);
      proxy.setDown(false);
      expect(await eventually("/readyz", 200)).toBe(200);
      spawned.child.kill("SIGTERM");
      const exit = await spawned.exited;
      expect(exit.code, exit.stderr.slice(-2000)).toBe(0);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
