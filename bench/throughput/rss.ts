/**
 * Peak memory of a long `cannectors run` (batch mode): RSS of the CLI process, read from
 * /proc/PID/status (Linux) while the target counts deliveries, at 20/40/60/80/100% of the records.
 * run.ts measures it twice: with Node's defaults, and with a 4 MB young-generation semi-space
 * (default 16 MB), which shows how much of the peak is V8's garbage headroom, not live data.
 */
export const SMALL_YOUNG_GENERATION = ["--max-semi-space-size=4"];
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runNode } from "./child.js";
import { writeConnector } from "./connector-file.js";
import { CLI } from "./paths.js";
import { activeCount } from "./records.js";
import { startBenchServers } from "./servers.js";

export interface RssResult {
  records: number;
  /** Extra node flags of the run, e.g. a smaller young generation. */
  nodeFlags: string[];
  /** [progress %, RSS MB] at the first sample past each mark. */
  samples: Array<[number, number]>;
  peakMb: number;
  /** RSS at 100% minus RSS at 20%. */
  growthMb: number;
  durationMs: number;
}

const MARKS = [20, 40, 60, 80, 100];
const MB = 1024 * 1024;

function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rss: kb("VmRSS"), peak: kb("VmHWM") };
  } catch {
    return undefined;
  }
}

export async function measureRss(records: number, seed: number, nodeFlags: string[] = []): Promise<RssResult> {
  const servers = await startBenchServers({ records, seed });
  const expected = activeCount(records, seed);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-rss-"));
  const connector = writeConnector(dir, servers, "batch");
  const samples: Array<[number, number]> = [];
  let peak = 0;
  let pid: number | undefined;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (pid === undefined) continue;
      const memory = memoryOf(pid);
      if (!memory || !Number.isFinite(memory.rss)) continue;
      peak = Math.max(peak, Number.isFinite(memory.peak) ? memory.peak : memory.rss);
      const progress = ((await servers.stats()).unique / expected) * 100;
      const mark = MARKS[samples.length];
      if (mark !== undefined && progress >= (mark === 100 ? 99 : mark))
        samples.push([Math.round(progress), memory.rss / MB]);
    }
  })();
  try {
    const state = path.join(dir, "state.db");
    const run = await runNode(
      [...nodeFlags, CLI, "run", connector, "--json", "--state", state, "--log-level", "warn"],
      {
        cwd: dir,
        onSpawn: (spawned) => {
          pid = spawned;
        },
      },
    );
    done = true;
    await sampler;
    if (run.code !== 0) throw new Error(`rss run failed: ${run.stderr}`);
    const summary = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as { durationMs: number };
    const first = samples[0]?.[1] ?? Number.NaN;
    const last = samples.at(-1)?.[1] ?? Number.NaN;
    return { records, nodeFlags, samples, peakMb: peak / MB, growthMb: last - first, durationMs: summary.durationMs };
  } finally {
    done = true;
    await servers.close();
  }
}
