import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CLI, ROOT } from "../throughput/paths.js";

/** The connector under load: no signature (its cost is not what is measured), ids from a header. */
const connector = (target: string) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: bench-hooks
input:
  type: webhook
  path: /hooks/bench
  verify: { type: none }
  dedupe: { header: X-Delivery-Id }
output:
  type: http
  baseUrl: ${target}
  path: /records
  idempotency: { key: record.id }
settings:
  retries: { maxAttempts: 100, initialDelay: 50ms, maxDelay: 200ms, jitter: none }
`;

export interface ServeUnderTest {
  child: ChildProcess;
  url: string;
  /** CPU time (user + system) the serve process has used so far, in milliseconds (Linux /proc). */
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * A fresh `cannectors serve` (built CLI) sending to `target`, its state in its own SQLite file, or
 * in `state` (a postgres:// URL; give each start its own schema).
 */
export function startServe(
  target: string,
  state?: string,
  cli = process.env.BENCH_SERVE_CLI ?? CLI,
): Promise<ServeUnderTest> {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-bench-webhooks-"));
  writeFileSync(path.join(dir, "hooks.yaml"), connector(target));
  const args = ["serve", dir, "--port", "0", "--state", state ?? path.join(dir, "state.db"), "--no-watch"];
  // cli: another build's dist/cli/main.js (run.ts --compare, or BENCH_SERVE_CLI), for before and after.
  return startProcess([cli, ...args]);
}

/** The hand-written node:http + SQLite server doing the same insert (baseline-server.ts). */
export function startBaseline(): Promise<ServeUnderTest> {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-bench-webhooks-baseline-"));
  return startProcess([path.join(ROOT, "dist/bench/webhooks/baseline-server.js"), path.join(dir, "state.db")]);
}

async function startProcess(args: string[]): Promise<ServeUnderTest> {
  // e.g. BENCH_SERVE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where serve spends its time.
  const nodeArgs = (process.env.BENCH_SERVE_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (found) resolve(found);
    });
    child.on("exit", (code) => reject(new Error(`${args[0]} exited (${code}) before listening:\n${stdout}`)));
  });
  child.stdout?.resume();
  const ticks = 100; // USER_HZ on Linux
  return {
    child,
    url,
    cpuMs() {
      const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
