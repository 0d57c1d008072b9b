import { writeFileSync } from "node:fs";
import path from "node:path";
import { hookConnector, type ServerProcess, startServerProcess } from "../support/serve-process.js";
import { CLI } from "../throughput/paths.js";

export type Worker = ServerProcess;

export function writeConnectors(dir: string, names: string[], target: string): void {
  for (const name of names) writeFileSync(path.join(dir, `${name}.yaml`), hookConnector(name, target));
}

/** A `cannectors serve` (built CLI) on `state`: an SQLite file or a PostgreSQL URL shared by workers. */
export function startWorker(dir: string, state: string): Promise<Worker> {
  return startServerProcess([CLI, "serve", dir, "--port", "0", "--state", state, "--no-watch", "--log-level", "warn"]);
}
