import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CLI, ROOT } from "../throughput/paths.js";

/** One of the bench's webhook connectors: no signature (not what is measured), ids from a header. */
export const hookConnector = (name: string, target: string) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: ${name}
input:
  type: webhook
  path: /hooks/${name}
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

export function writeConnectors(dir: string, names: string[], target: string): void {
  for (const name of names) writeFileSync(path.join(dir, `${name}.yaml`), hookConnector(name, target));
}

export interface Worker {
  child: ChildProcess;
  url: string;
  /** CPU time (user + system) used so far, in milliseconds (Linux /proc). */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** CPU milliseconds of a process so far, from /proc (USER_HZ 100). */
export function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** A `cannectors serve` (built CLI) on `state`: an SQLite file or a PostgreSQL URL shared by workers. */
export async function startWorker(dir: string, state: string): Promise<Worker> {
  const args = ["serve", dir, "--port", "0", "--state", state, "--no-watch", "--log-level", "warn"];
  const child = spawn(process.execPath, [CLI, ...args], {
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
    child.on("exit", (code) => reject(new Error(`serve exited (${code}) before listening:\n${stdout}`)));
  });
  child.stdout?.resume();
  let lastCpu = 0;
  return {
    child,
    url,
    cpuMs() {
      // Read while alive; a stopped worker keeps its last reading.
      if (child.exitCode === null) lastCpu = processCpuMs(child.pid!);
      return lastCpu;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
