import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { ROOT } from "../throughput/paths.js";

/**
 * A webhook connector as the webhook and worker benches load it: no signature (its cost is not what
 * is measured), ids from a header, sending to `target`'s /records.
 */
export const hookConnector = (name: string, target: string, hookPath = name) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: ${name}
input:
  type: webhook
  path: /hooks/${hookPath}
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

/** A server process under load (`cannectors serve` or the baseline), once it prints its URL. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** CPU time (user + system) the process has used so far, in milliseconds (Linux /proc). */
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

/** `node ...nodeArgs ...args` from the repository root, resolved when it prints "listening on <url>". */
export async function startServerProcess(args: string[], nodeArgs: string[] = []): Promise<ServerProcess> {
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
  let lastCpu = 0;
  return {
    child,
    url,
    cpuMs() {
      // Read while alive; a stopped process keeps its last reading.
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
