import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { median, runNode } from "./child.js";
import { type OutputMode, writeConnector } from "./connector-file.js";
import { built, CLI } from "./paths.js";
import type { BenchServers } from "./servers.js";

export interface RoundResult {
  /** Records read per second, from the first HTTP request to the exit (process start-up excluded). */
  recordsPerSecond: number;
  /** Records per CPU second of the client process over the same span. */
  recordsPerCpuSecond: number;
  durationMs: number;
  /** The whole process, start-up included. */
  wallMs: number;
}

export interface ModeResult {
  mode: OutputMode;
  baseline: RoundResult[];
  cannectors: RoundResult[];
  /** cannectors ÷ baseline throughput, round by round. */
  ratios: number[];
  medianRatio: number;
  /** cannectors ÷ baseline records per CPU second, round by round. */
  cpuRatios: number[];
  medianCpuRatio: number;
}

interface Job {
  records: number;
  expectedSent: number;
}

/** Runs both programs, interleaved (A B A B ...), and checks that every round delivered every record once. */
export async function measureMode(servers: BenchServers, mode: OutputMode, rounds: number, job: Job) {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-bench-"));
  const connector = writeConnector(dir, servers, mode);
  const result: ModeResult = {
    mode,
    baseline: [],
    cannectors: [],
    ratios: [],
    medianRatio: Number.NaN,
    cpuRatios: [],
    medianCpuRatio: Number.NaN,
  };
  for (let round = 0; round < rounds; round++) {
    const base = await oneRun(servers, job, () =>
      runNode([built("baseline"), "--source", servers.sourceUrl, "--target", servers.targetUrl, "--mode", mode], {
        cpu: true,
      }),
    );
    const state = path.join(dir, `state-${mode}-${round}.db`);
    const ours = await oneRun(servers, job, () =>
      runNode([CLI, "run", connector, "--json", "--state", state, "--log-level", "warn"], { cwd: dir, cpu: true }),
    );
    result.baseline.push(base);
    result.cannectors.push(ours);
    result.ratios.push(ours.recordsPerSecond / base.recordsPerSecond);
    result.cpuRatios.push(ours.recordsPerCpuSecond / base.recordsPerCpuSecond);
  }
  result.medianRatio = median(result.ratios);
  result.medianCpuRatio = median(result.cpuRatios);
  return result;
}

async function oneRun(servers: BenchServers, job: Job, run: () => ReturnType<typeof runNode>): Promise<RoundResult> {
  await servers.reset();
  const child = await run();
  if (child.code !== 0) throw new Error(`bench run failed (exit ${child.code}):\n${child.stderr}\n${child.stdout}`);
  if (child.work === undefined) throw new Error(`no work usage line from the child:\n${child.stderr}`);
  const stats = await servers.stats();
  if (stats.unique !== job.expectedSent || stats.duplicates !== 0 || stats.missingId !== 0) {
    throw new Error(`target got ${JSON.stringify(stats)}, expected ${job.expectedSent} unique records once each`);
  }
  return {
    recordsPerSecond: job.records / (child.work.wallMs / 1000),
    recordsPerCpuSecond: job.records / (child.work.cpuMs / 1000),
    durationMs: child.work.wallMs,
    wallMs: child.wallMs,
  };
}
