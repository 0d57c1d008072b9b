import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { CPU_LINE } from "./cpu-line.js";
import { built } from "./paths.js";

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** With `cpu: true`: the child's CPU time and wall time from its first HTTP request to its exit. */
  work: { cpuMs: number; wallMs: number; startUs: number } | undefined;
  pid: number | undefined;
}

/** Runs `node args...` to the end; `onSpawn` sees the pid (RSS sampling). */
export function runNode(
  args: string[],
  options: { cwd?: string; onSpawn?: (pid: number) => void; timeoutMs?: number; cpu?: boolean } = {},
): Promise<ChildRun> {
  const started = performance.now();
  const preload = options.cpu ? ["--import", pathToFileURL(built("cpu-report")).href] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...preload, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      resolve({ code, stdout, stderr, wallMs, work: workUsage(stderr), pid: child.pid });
    });
  });
}

function workUsage(stderr: string): ChildRun["work"] {
  const at = stderr.lastIndexOf(CPU_LINE);
  if (at === -1) return undefined;
  const [cpuUs, wallMs, startUs] = stderr
    .slice(at + CPU_LINE.length)
    .trim()
    .split(/\s+/)
    .map(Number);
  return { cpuMs: cpuUs! / 1000, wallMs: wallMs!, startUs: startUs ?? 0 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
