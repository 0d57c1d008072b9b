/** Start-up cost: wall time of `cannectors run` on a 10-record connector, next to `node -e 0`. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { median, runNode } from "./child.js";
import { writeConnector } from "./connector-file.js";
import { CLI } from "./paths.js";
import { startBenchServers } from "./servers.js";

export interface StartupResult {
  runs: number;
  nodeMs: number;
  cannectorsMs: number;
}

export async function measureStartup(runs: number, seed: number): Promise<StartupResult> {
  const servers = await startBenchServers({ records: 10, seed });
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-startup-"));
  const connector = writeConnector(dir, servers, "batch");
  const node: number[] = [];
  const ours: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      node.push((await runNode(["-e", "0"])).wallMs);
      const state = path.join(dir, `state-${i}.db`);
      const run = await runNode([CLI, "run", connector, "--json", "--state", state, "--log-level", "warn"], {
        cwd: dir,
      });
      if (run.code !== 0) throw new Error(`startup run failed: ${run.stderr}`);
      ours.push(run.wallMs);
    }
  } finally {
    await servers.close();
  }
  return { runs, nodeMs: median(node), cannectorsMs: median(ours) };
}
