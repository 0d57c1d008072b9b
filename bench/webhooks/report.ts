import type { Measured } from "./measure.js";

const COLUMNS = [
  "round",
  "connections",
  "server",
  "accepted/s",
  "serve/baseline",
  "p50 ms",
  "p99 ms",
  "max ms",
  "failed",
  "CPU µs/delivery (during load)",
  "CPU serve/baseline",
  "CPU µs/delivery (load + drain)",
  "processed/s (during load)",
  "drain s",
  "lost",
  "duplicated",
  "stored, unanswered",
  "load avg 1 min",
];

/**
 * A markdown table; serve's rows carry the ratios of its accepted/s and of its CPU per delivery
 * during the load to the baseline's in the same round and level. CPU per delivery is the figure that
 * holds on a loaded machine (a process waiting for a core spends no CPU), the ratio even more so.
 */
export function printTable(rows: readonly { round: number; measured: Measured }[]): void {
  const baselineOf = (round: number, connections: number) =>
    rows.find(
      (row) => row.round === round && row.measured.connections === connections && row.measured.server === "baseline",
    );
  console.log(`| ${COLUMNS.join(" | ")} |`);
  console.log(`|${COLUMNS.map(() => "---").join("|")}|`);
  for (const { round, measured: m } of rows) {
    const baseline = m.server === "baseline" ? undefined : baselineOf(round, m.connections)?.measured;
    const cells = [
      round,
      m.connections,
      m.server,
      Math.round(m.perSecond),
      baseline ? (m.perSecond / baseline.perSecond).toFixed(2) : "",
      m.p50,
      m.p99,
      m.max,
      m.failed,
      m.cpuUsPerDelivery.toFixed(0),
      baseline ? (m.cpuUsPerDelivery / baseline.cpuUsPerDelivery).toFixed(2) : "",
      m.cpuUsPerDeliveryDrained?.toFixed(0) ?? "",
      m.processedPerSecond === undefined ? "" : Math.round(m.processedPerSecond),
      m.drainSeconds?.toFixed(1) ?? "",
      m.lost ?? "",
      m.duplicated ?? "",
      m.unanswered ?? "",
      m.load.toFixed(1),
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
}
