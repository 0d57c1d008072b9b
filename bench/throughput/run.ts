/**
 * `npm run bench`: Cannectors next to the best hand-written Node program, measured in one run.
 * Prints each section's table as soon as it is measured, then a closing note with the ratios, the
 * RSS figures and which targets were met. A section that fails is reported and the others still run.
 * Flags: --rounds N (5), --records N (100000), --seed N (7), --quick (100,000 instead of 1,000,000
 * records for the engine and RSS sections), --only throughput,engine,rss,startup, --modes batch,single
 * (the throughput section's output modes), --startup-runs N (10), --json-out FILE (the report as JSON,
 * for bench/run.ts to set next to the peer bench's).
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { measureEngine } from "./engine-only.js";
import { type BenchReport, closingNote, formatSections } from "./report.js";
import { activeCount } from "./records.js";
import { measureRss, SMALL_YOUNG_GENERATION } from "./rss.js";
import { startBenchServers } from "./servers.js";
import { measureStartup } from "../startup/measure.js";
import { measureMode } from "./throughput.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    records: { type: "string", default: "100000" },
    seed: { type: "string", default: "7" },
    quick: { type: "boolean", default: false },
    only: { type: "string", default: "throughput,engine,rss,startup" },
    modes: { type: "string", default: "batch,single" },
    "startup-runs": { type: "string", default: "10" },
    "json-out": { type: "string" },
  },
});
const rounds = Number(values.rounds);
const records = Number(values.records);
const seed = Number(values.seed);
const sections = new Set(values.only.split(","));
const bigRun = values.quick ? 100_000 : 1_000_000;
const report: BenchReport = { rounds, records, modes: [] };
let failed = false;

/** Measures one section, prints its table at once, and keeps going if it fails. */
async function section(name: string, measure: (into: BenchReport) => Promise<void>): Promise<void> {
  if (!sections.has(name)) return;
  const part: BenchReport = { rounds, records, modes: [] };
  try {
    await measure(part);
  } catch (error) {
    failed = true;
    console.log(`## ${name}: FAILED\n${error instanceof Error ? error.message : String(error)}\n`);
    return;
  }
  report.modes.push(...part.modes);
  Object.assign(report, { ...part, modes: report.modes });
  console.log(`${formatSections(part)}\n`);
}

await section("throughput", async (part) => {
  const servers = await startBenchServers({ records, seed });
  try {
    const job = { records, expectedSent: activeCount(records, seed) };
    const modes = (["batch", "single"] as const).filter((mode) => values.modes.split(",").includes(mode));
    for (const mode of modes) {
      console.error(`throughput: ${mode} mode, ${rounds} rounds of ${records} records...`);
      part.modes.push(await measureMode(servers, mode, rounds, job));
    }
  } finally {
    await servers.close();
  }
});
await section("engine", async (part) => {
  console.error(`engine only: ${bigRun} in-memory records...`);
  part.engine = await measureEngine(bigRun, seed, Math.max(3, Math.min(rounds, 5)));
});
await section("rss", async (part) => {
  console.error(`peak RSS: a ${bigRun}-record cannectors run...`);
  part.rss = [await measureRss(bigRun, seed), await measureRss(bigRun, seed, SMALL_YOUNG_GENERATION)];
});
await section("startup", async (part) => {
  const runs = Number(values["startup-runs"]);
  console.error(`startup: node -e 0, cannectors --version and a 10-record cannectors run, ${runs} times each...`);
  part.startup = await measureStartup(runs, seed);
});
console.log(closingNote(report));
if (values["json-out"]) writeFileSync(values["json-out"], JSON.stringify(report));
if (failed) process.exitCode = 1;
