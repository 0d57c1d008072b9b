import type { PeerModeSummary } from "../peer/summary.js";
import type { BenchReport } from "../throughput/report.js";

/** Issue 20's bar on the peer bench; our own bench's throughput target is in throughput/report.ts. */
export const PEER_TARGETS = { ratio: 0.9, cpuRatio: 0.85, rssFactor: 1.2 } as const;

const ratio = (n: number | undefined) => (n === undefined ? "-" : n.toFixed(2));
const mark = (ok: boolean) => (ok ? "" : " !");

/** Both benches' medians, one row per output mode: the same job measured by us and by an outside harness. */
export function sideBySide(ours: BenchReport | undefined, peer: readonly PeerModeSummary[]): string {
  const header = [
    "mode",
    "ours: rec/s ratio",
    "ours: CPU ratio",
    "peer: rec/s ratio (rounds)",
    "peer: CPU ratio",
    "peer: max RSS MB product / hand-written",
    "peer verified",
  ];
  const rows = (["batch", "single"] as const).map((mode) => {
    const own = ours?.modes.find((m) => m.mode === mode);
    const other = peer.find((m) => m.mode === mode);
    const rounds = other ? ` (${other.ratios.map((r) => r.toFixed(2)).join(" ")})` : "";
    return [
      mode,
      own ? `${ratio(own.medianRatio)}${mark(own.medianRatio >= PEER_TARGETS.ratio)}` : "-",
      own ? ratio(own.medianCpuRatio) : "-",
      other ? `${ratio(other.medianRatio)}${mark(other.medianRatio >= PEER_TARGETS.ratio)}${rounds}` : "-",
      other ? `${ratio(other.medianCpuRatio)}${mark(other.medianCpuRatio >= PEER_TARGETS.cpuRatio)}` : "-",
      other
        ? `${other.productRssMb} / ${other.baselineRssMb}${mark(other.productRssMb <= PEER_TARGETS.rssFactor * other.baselineRssMb)}`
        : "-",
      other ? String(other.verified) : "-",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join(" | ")
      .trimEnd();
  return [
    "## both benches, medians (cannectors ÷ hand-written; higher is better)",
    line(header),
    widths.map((w) => "-".repeat(w)).join("-|-"),
    ...rows.map(line),
    `! marks a figure below issue 20's bar: rec/s ratio ≥ ${PEER_TARGETS.ratio}, CPU ratio ≥ ${PEER_TARGETS.cpuRatio}, ` +
      `product max RSS ≤ ${PEER_TARGETS.rssFactor}× the hand-written program's. "ours" is bench/throughput ` +
      "(time from the first request, start-up apart); the peer bench times whole processes, start-up included.",
  ].join("\n");
}
