import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hookConnector, type ServerProcess, startServerProcess } from "../support/serve-process.js";
import { CLI, ROOT } from "../throughput/paths.js";

export type ServeUnderTest = ServerProcess;

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
  writeFileSync(path.join(dir, "hooks.yaml"), hookConnector("bench-hooks", target, "bench"));
  const args = ["serve", dir, "--port", "0", "--state", state ?? path.join(dir, "state.db"), "--no-watch"];
  // cli: another build's dist/cli/main.js (run.ts --compare, or BENCH_SERVE_CLI), for before and after.
  return startProcess([cli, ...args]);
}

/** The hand-written node:http + SQLite server doing the same insert (baseline-server.ts). */
export function startBaseline(): Promise<ServeUnderTest> {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-bench-webhooks-baseline-"));
  return startProcess([path.join(ROOT, "dist/bench/webhooks/baseline-server.js"), path.join(dir, "state.db")]);
}

function startProcess(args: string[]): Promise<ServeUnderTest> {
  // e.g. BENCH_SERVE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where serve spends its time.
  return startServerProcess(args, (process.env.BENCH_SERVE_NODE_ARGS ?? "").split(" ").filter(Boolean));
}
