/**
 * One dependent-requests comparison: the product (`cannectors run` of a connector with
 * `input.children`) and the hand-written undici program, interleaved round by round against the
 * same loopback servers, each round checked (every item once, with its order's id).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { median, runNode } from "../throughput/child.js";
import { CLI, ROOT } from "../throughput/paths.js";
import { type DependentJob, type DependentServers, startDependentServers } from "./servers.js";

export interface DependentRound {
  recordsPerSecond: number;
  /** Client CPU milliseconds from the first request to the exit (start-up excluded). */
  cpuMs: number;
  recordsPerCpuSecond: number;
}

export interface DependentResult {
  job: DependentJob;
  concurrency: number;
  baseline: DependentRound[];
  cannectors: DependentRound[];
  medianRatio: number;
  medianCpuRatio: number;
}

export function connectorYaml(servers: DependentServers, job: DependentJob, concurrency: number): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: dependent-bench }
input:
  type: http
  baseUrl: ${servers.sourceUrl}
  path: /orders
  records: data
  pagination: { type: page, size: ${job.pageSize}, sizeParam: size }
  children:
    path: /orders/{order_id}/items
    params: { order_id: id }
    records: data
    carry: { order_id: id }
    concurrency: ${concurrency}
output:
  type: http
  baseUrl: ${servers.sinkUrl}
  path: /sink
  batch: { size: 100, wrap: items }
settings:
  concurrency: 4
`;
}

export async function measureDependent(job: DependentJob, rounds: number, concurrency = 8): Promise<DependentResult> {
  const servers = await startDependentServers(job);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-dependent-"));
  const connector = path.join(dir, "dependent.yaml");
  writeFileSync(connector, connectorYaml(servers, job, concurrency));
  const baselineJs = path.join(ROOT, "dist/bench/dependent/baseline.js");
  const result: DependentResult = {
    job,
    concurrency,
    baseline: [],
    cannectors: [],
    medianRatio: NaN,
    medianCpuRatio: NaN,
  };
  try {
    for (let round = 0; round < rounds; round++) {
      const args = ["--source", servers.sourceUrl, "--sink", servers.sinkUrl, "--page-size", String(job.pageSize)];
      result.baseline.push(
        await oneRun(servers, job, () =>
          runNode([baselineJs, ...args, "--concurrency", String(concurrency)], { cpu: true }),
        ),
      );
      const state = path.join(dir, `state-${round}.db`);
      result.cannectors.push(
        await oneRun(servers, job, () =>
          runNode([CLI, "run", connector, "--json", "--state", state, "--log-level", "warn"], { cwd: dir, cpu: true }),
        ),
      );
    }
  } finally {
    await servers.close();
  }
  const ratios = result.cannectors.map((ours, i) => ours.recordsPerSecond / result.baseline[i]!.recordsPerSecond);
  const cpuRatios = result.cannectors.map(
    (ours, i) => ours.recordsPerCpuSecond / result.baseline[i]!.recordsPerCpuSecond,
  );
  result.medianRatio = median(ratios);
  result.medianCpuRatio = median(cpuRatios);
  return result;
}

async function oneRun(
  servers: DependentServers,
  job: DependentJob,
  run: () => ReturnType<typeof runNode>,
): Promise<DependentRound> {
  servers.reset();
  const child = await run();
  if (child.code !== 0) throw new Error(`bench run failed (exit ${child.code}):\n${child.stderr}\n${child.stdout}`);
  if (child.work === undefined) throw new Error(`no work usage line from the child:\n${child.stderr}`);
  const expected = job.orders * job.itemsPerOrder;
  const stats = servers.stats();
  if (stats.unique !== expected || stats.duplicates !== 0 || stats.wrongParent !== 0) {
    throw new Error(`sink got ${JSON.stringify(stats)}, expected ${expected} items once each with their order's id`);
  }
  return {
    recordsPerSecond: expected / (child.work.wallMs / 1000),
    cpuMs: child.work.cpuMs,
    recordsPerCpuSecond: expected / (child.work.cpuMs / 1000),
  };
}

export function formatDependent(result: DependentResult): string {
  const { job } = result;
  const rows = (name: string, runs: DependentRound[]) =>
    `| ${name} | ${Math.round(median(runs.map((r) => r.recordsPerSecond)))} | ${Math.round(median(runs.map((r) => r.cpuMs)))} | ${Math.round(median(runs.map((r) => r.recordsPerCpuSecond)))} |`;
  return [
    `## dependent requests: ${job.orders} parents × ${job.itemsPerOrder} children (parents paged by ${job.pageSize}, children ${result.concurrency} at a time), ${result.baseline.length} rounds, medians`,
    "",
    "| program | records/s | client CPU ms | records per CPU s |",
    "| --- | ---: | ---: | ---: |",
    rows("hand-written undici", result.baseline),
    rows("cannectors run", result.cannectors),
    "",
    `cannectors ÷ baseline: throughput ${result.medianRatio.toFixed(2)}, records per CPU second ${result.medianCpuRatio.toFixed(2)}`,
  ].join("\n");
}
