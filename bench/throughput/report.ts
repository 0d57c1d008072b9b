import { median } from "./child.js";
import type { EngineResult } from "./engine-only.js";
import type { RssResult } from "./rss.js";
import type { StartupResult } from "../startup/measure.js";
import { formatStartup, startupVerdict } from "../startup/report.js";
import type { ModeResult, RoundResult } from "./throughput.js";

export interface BenchReport {
  rounds: number;
  records: number;
  modes: ModeResult[];
  engine?: EngineResult;
  rss?: RssResult[];
  startup?: StartupResult;
}

const MARKS = [20, 40, 60, 80, 100];

export const TARGETS = { batch: 0.9, single: 0.9, engine: 0.8, peakMb: 200 } as const;
/** "Flat": RSS at 100% of the run within this much of RSS at 20%. */
export const FLAT_MB = 20;

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ratio = (n: number) => n.toFixed(2);
const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const MODE_HEADER = [
  "",
  "baseline rec/s",
  "cannectors rec/s",
  "ratio",
  "baseline rec/cpu-s",
  "cannectors rec/cpu-s",
  "cpu ratio",
  "baseline process ms",
  "cannectors process ms",
];

function row(label: string, base: RoundResult, ours: RoundResult, wall: number, cpu: number): string[] {
  return [
    label,
    int(base.recordsPerSecond),
    int(ours.recordsPerSecond),
    ratio(wall),
    int(base.recordsPerCpuSecond),
    int(ours.recordsPerCpuSecond),
    ratio(cpu),
    int(base.wallMs),
    int(ours.wallMs),
  ];
}

function medianRound(rounds: readonly RoundResult[]): RoundResult {
  const of = (key: keyof RoundResult) => median(rounds.map((round) => round[key]));
  return {
    recordsPerSecond: of("recordsPerSecond"),
    recordsPerCpuSecond: of("recordsPerCpuSecond"),
    durationMs: of("durationMs"),
    wallMs: of("wallMs"),
  };
}

function modeSection(mode: ModeResult, records: number): string {
  const rows = mode.ratios.map((wall, i) =>
    row(`round ${i + 1}`, mode.baseline[i]!, mode.cannectors[i]!, wall, mode.cpuRatios[i]!),
  );
  rows.push(
    row("median", medianRound(mode.baseline), medianRound(mode.cannectors), mode.medianRatio, mode.medianCpuRatio),
  );
  const title = `## ${mode.mode} mode: ${int(records)} records, ${mode.mode === "batch" ? "100 per POST" : "one per POST"}`;
  return `${title}\n${table(MODE_HEADER, rows)}`;
}

export function formatReport(report: BenchReport): string {
  return `${formatSections(report)}\n\n${closingNote(report)}`;
}

/** The tables of whatever sections the report holds, without the closing note. */
export function formatSections(report: BenchReport): string {
  const out: string[] = [];
  for (const mode of report.modes) out.push(modeSection(mode, report.records));
  const { engine, rss, startup } = report;
  if (engine) {
    const rows = engine.variants.map((v) => [v.name, int(v.records), int(v.recordsPerSecond)]);
    out.push(`## filters + mapping alone (in memory, CPU time)\n${table(["", "records", "records/cpu-s"], rows)}`);
  }
  if (rss && rss.length > 0) {
    const rows = MARKS.map((mark, i) => [`${mark}%`, ...rss.map((run) => run.samples[i]?.[1].toFixed(1) ?? "-")]);
    rows.push(["peak (VmHWM)", ...rss.map((run) => run.peakMb.toFixed(1))]);
    rows.push(["run ms", ...rss.map((run) => int(run.durationMs))]);
    const header = ["progress", ...rss.map((run) => `RSS MB ${run.nodeFlags.join(" ") || "(defaults)"}`)];
    out.push(`## memory: cannectors run of ${int(rss[0]!.records)} records (batch)\n${table(header, rows)}`);
  }
  if (startup) out.push(formatStartup(startup));
  return out.join("\n\n");
}

export function closingNote(report: BenchReport): string {
  const lines = ["## summary (ratios are cannectors ÷ baseline; higher is better)"];
  for (const mode of report.modes) {
    const target = TARGETS[mode.mode];
    const range = `${ratio(Math.min(...mode.ratios))}–${ratio(Math.max(...mode.ratios))}`;
    const met = verdict(mode.medianRatio >= target);
    lines.push(
      `- ${mode.mode} mode: median ratio ${ratio(mode.medianRatio)} (rounds ${range}), target ≥ ${target}: ${met}; ` +
        `per CPU second ${ratio(mode.medianCpuRatio)}`,
    );
  }
  if (report.engine) {
    const met = verdict(report.engine.ratio >= TARGETS.engine);
    lines.push(
      `- filters + mapping alone: ${ratio(report.engine.ratio)}× plain JS, target ≥ ${TARGETS.engine}: ${met}`,
    );
  }
  for (const run of report.rss ?? []) {
    const { peakMb, growthMb } = run;
    const flags = run.nodeFlags.join(" ") || "Node defaults";
    lines.push(
      `- peak RSS (${flags}) ${peakMb.toFixed(1)} MB (target < ${TARGETS.peakMb}: ${verdict(peakMb < TARGETS.peakMb)}); ` +
        `20%→100% growth ${growthMb.toFixed(1)} MB (flat within ${FLAT_MB} MB: ${verdict(Math.abs(growthMb) <= FLAT_MB)})`,
    );
  }
  if (report.startup) lines.push(startupVerdict(report.startup));
  lines.push(
    "Throughput: records read ÷ time from the client's first HTTP request to its exit (start-up is the start-up " +
      "line). rec/cpu-s: the same records ÷ the client's CPU time over that span, which a busy machine disturbs less.",
  );
  return lines.join("\n");
}
