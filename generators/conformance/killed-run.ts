import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../compiler/emit/index.js";
import type { Connector } from "../../runtime/artifact/index.js";
import { stringifyJson } from "../../runtime/json/index.js";

/** A `cannectors run` in its own process, to be killed with SIGKILL: nothing in it gets to clean up. */
export interface KillableRun {
  /** SIGKILL, then wait until the process is gone (its lease is free for the next run). */
  kill(): Promise<void>;
  /** The exit: code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Runs the connector (written as JSON, which is YAML) with the CLI of this package, on `statePath`. */
export function startKillableRun(
  connector: Connector,
  dir: string,
  statePath: string,
  env: Record<string, string>,
): KillableRun {
  const file = path.join(dir, "connector.yaml");
  writeFileSync(file, stringifyJson(connector));
  const cli = path.join(packageRoot(), "dist", "cli", "main.js");
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, "run", file, "--state", statePath, "--log-level", "error"],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    exited,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
