/**
 * Scoring predictions with the dataset's own scorer (`score.mjs`, imported, never copied) over any set of
 * pairs, and printing the figures side by side.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { MappingPair } from "./dataset.js";
import type { Predictions } from "./predict.js";

export interface Overall {
  pairs: number;
  matched_targets: number;
  top1_accuracy: number | null;
  recall_at_3: number | null;
  accepted_precision: number | null;
  accepted_recall: number | null;
  accepted_f1: number | null;
  no_match_precision: number | null;
  ece_top1: number | null;
}

interface ScoreResult {
  result: Record<string, { overall: Overall; by_domain: Record<string, Overall> }>;
}

export interface Scorer {
  score(dataset: unknown, predictions: Predictions, options: { threshold: number }): ScoreResult;
}

export async function loadScorer(dataDir: string): Promise<Scorer> {
  return (await import(pathToFileURL(path.join(dataDir, "score.mjs")).href)) as Scorer;
}

/** The scorer's figures for `pairs`, pooled, and per domain. */
export function scorePairs(
  scorer: Scorer,
  pairs: readonly MappingPair[],
  predictions: Predictions,
): { overall: Overall; byDomain: Record<string, Overall> } {
  const dataset = {
    splits: { scored: pairs.map((p) => p.id) },
    pairs: Object.fromEntries(pairs.map((p) => [p.id, p])),
  };
  const scored = scorer.score(dataset, predictions, { threshold: 0.5 }).result.scored;
  if (!scored) throw new Error("the scorer returned no result");
  return { overall: scored.overall, byDomain: scored.by_domain };
}

const METRICS = [
  ["top-1", "top1_accuracy"],
  ["R@3", "recall_at_3"],
  ["P", "accepted_precision"],
  ["R", "accepted_recall"],
  ["F1", "accepted_f1"],
  ["noMatchP", "no_match_precision"],
  ["ECE", "ece_top1"],
] as const;

type Metric = (typeof METRICS)[number][1];

/** The mean of several results, metric by metric (each direction of a cross-split counts once). */
export function meanOf(results: readonly Overall[]): Overall {
  const mean = (k: Metric) => {
    const values = results.map((r) => r[k]).filter((v): v is number => v !== null);
    return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
  };
  const sum = (k: "pairs" | "matched_targets") => results.reduce((a, r) => a + r[k], 0);
  return {
    pairs: sum("pairs"),
    matched_targets: sum("matched_targets"),
    ...(Object.fromEntries(METRICS.map(([, k]) => [k, mean(k)])) as Record<Metric, number | null>),
  };
}

export function table(rows: readonly (readonly [string, Overall])[]): string {
  const width = Math.max(12, ...rows.map(([label]) => label.length));
  const head = ["", "pairs", "match", ...METRICS.map(([h]) => h)];
  const cell = (v: number | null) => (v === null ? "-" : v.toFixed(3));
  const lines = [head.map((h, i) => (i === 0 ? h.padEnd(width) : h.padStart(8))).join(" ")];
  for (const [label, o] of rows) {
    lines.push(
      [
        label.padEnd(width),
        String(o.pairs).padStart(8),
        String(o.matched_targets).padStart(8),
        ...METRICS.map(([, k]) => cell(o[k]).padStart(8)),
      ].join(" "),
    );
  }
  return lines.join("\n");
}
