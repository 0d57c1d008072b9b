import type { StartupKind, StartupResult } from "./measure.js";

/** Issue 20's start-up targets, medians of wall milliseconds; `node -e 0` has none, it is the floor. */
export const STARTUP_TARGETS_MS: Readonly<Partial<Record<StartupKind, number>>> = { version: 80, run: 200 };

const ms = (n: number) => Math.round(n).toLocaleString("en-US");

/** One row per command: median, range, time above `node -e 0`, target and median ÷ target (≤ 1.00 is met). */
export function formatStartup(result: StartupResult): string {
  const floor = result.samples.find((sample) => sample.kind === "node")?.medianMs ?? 0;
  const header = ["", "median ms", "min–max ms", "over node -e 0", "target ms", "median ÷ target", ""];
  const rows = result.samples.map((sample) => {
    const target = STARTUP_TARGETS_MS[sample.kind];
    const range = `${ms(Math.min(...sample.wallMs))}–${ms(Math.max(...sample.wallMs))}`;
    const over = sample.kind === "node" ? "" : `+${ms(sample.medianMs - floor)}`;
    if (target === undefined) return [sample.command, ms(sample.medianMs), range, over, "", "", ""];
    const ratio = sample.medianMs / target;
    return [
      sample.command,
      ms(sample.medianMs),
      range,
      over,
      ms(target),
      ratio.toFixed(2),
      ratio <= 1 ? "met" : "MISSED",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  const title = `## start-up: wall time of whole processes, median of ${result.runs} interleaved runs`;
  return [title, line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The closing note's line: each target's verdict. */
export function startupVerdict(result: StartupResult): string {
  const parts = result.samples.map((sample) => {
    const target = STARTUP_TARGETS_MS[sample.kind];
    const figure = `${sample.command} ${ms(sample.medianMs)} ms`;
    return target === undefined
      ? figure
      : `${figure} (target < ${target}: ${sample.medianMs <= target ? "met" : "MISSED"})`;
  });
  return `- start-up, medians of ${result.runs}: ${parts.join("; ")}`;
}
