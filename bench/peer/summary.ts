/** The peer bench's raw results (one JSON line per timed process, ../shared/peer-bench/external.mjs), per mode. */
import { readFileSync } from "node:fs";
import { median } from "../throughput/child.js";

interface PeerLine {
  round?: number;
  label: string;
  ok: boolean;
  rec_per_s: number;
  client_cpu_s: number;
  client_maxrss_mb: number;
}

export interface PeerModeSummary {
  mode: "batch" | "single";
  rounds: number;
  /** Product ÷ hand-written records per second, per round and median. */
  ratios: number[];
  medianRatio: number;
  /** Hand-written ÷ product client CPU seconds, median. */
  medianCpuRatio: number;
  productRssMb: number;
  baselineRssMb: number;
  /** Every round's sink held every expected record exactly once, for both programs. */
  verified: boolean;
}

export function summarisePeer(jsonlFile: string): PeerModeSummary[] {
  const lines = readFileSync(jsonlFile, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as PeerLine);
  const out: PeerModeSummary[] = [];
  for (const mode of ["batch", "single"] as const) {
    const rounds = [...new Set(lines.map((line) => line.round))];
    const pairs = rounds.flatMap((round) => {
      const of = (who: string) => lines.find((line) => line.round === round && line.label === `${who} ${mode}`);
      const product = of("product");
      const baseline = of("baseline");
      return product && baseline ? [{ product, baseline }] : [];
    });
    if (pairs.length === 0) continue;
    const ratios = pairs.map(({ product, baseline }) => product.rec_per_s / baseline.rec_per_s);
    out.push({
      mode,
      rounds: pairs.length,
      ratios,
      medianRatio: median(ratios),
      medianCpuRatio: median(pairs.map(({ product, baseline }) => baseline.client_cpu_s / product.client_cpu_s)),
      productRssMb: median(pairs.map(({ product }) => product.client_maxrss_mb)),
      baselineRssMb: median(pairs.map(({ baseline }) => baseline.client_maxrss_mb)),
      verified: pairs.every(({ product, baseline }) => product.ok && baseline.ok),
    });
  }
  return out;
}
