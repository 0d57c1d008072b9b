/**
 * Fitting the pair layer as a choice among a target's sources (a conditional logit with "no source" as
 * an option of utility 0): P(source j fills target t) = exp(z_j) / (1 + Σ_k exp(z_k)). The pointwise fit
 * spends its weights on telling a target's right source from every unrelated field of every pair; this
 * one learns what tells the right source from its rivals for the same target, which is what top-1 asks.
 */
import { solve } from "./fit.js";

/** One target: its options' inputs (no intercept) and the share of the label each option gets. */
export interface ChoiceGroup {
  inputs: number[][];
  /** Sums to 1 over the right sources, 0 everywhere when the target has none (the "no source" option). */
  labels: number[];
}

/** Options whose probability is below this move neither gradient nor curvature measurably. */
const NEGLIGIBLE = 1e-7;

/** Weights (intercept first) minimising the groups' cross-entropy + lambda/2·|w − prior|², by damped Newton. */
export function fitChoice(groups: readonly ChoiceGroup[], prior: readonly number[], lambda: number): number[] {
  const w = [...prior];
  const d = w.length;
  for (let iter = 0; iter < 40; iter++) {
    const grad = w.map((wi, i) => lambda * (wi - (prior[i] as number)));
    const hess = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? lambda : 0)));
    for (const { inputs, labels } of groups) {
      const z = inputs.map((x) => x.reduce((s, v, i) => s + v * (w[i + 1] as number), w[0] as number));
      const top = Math.max(0, ...z);
      const e = z.map((v) => Math.exp(v - top));
      const total = Math.exp(-top) + e.reduce((s, v) => s + v, 0);
      const mean = new Array<number>(d).fill(0);
      inputs.forEach((x, j) => {
        const p = (e[j] as number) / total;
        const y = labels[j] as number;
        if (p < NEGLIGIBLE && y === 0) return;
        const row = [1, ...x];
        for (let a = 0; a < d; a++) {
          const ra = row[a] as number;
          if (ra === 0) continue;
          grad[a] = (grad[a] as number) + (p - y) * ra;
          mean[a] = (mean[a] as number) + p * ra;
          const ha = hess[a] as number[];
          for (let b = 0; b < d; b++) ha[b] = (ha[b] as number) + p * ra * (row[b] as number);
        }
      });
      for (let a = 0; a < d; a++) {
        const ha = hess[a] as number[];
        for (let b = 0; b < d; b++) ha[b] = (ha[b] as number) - (mean[a] as number) * (mean[b] as number);
      }
    }
    const raw = solve(hess, grad);
    const norm = Math.hypot(...raw);
    const step = norm > 2 ? raw.map((v) => (v * 2) / norm) : raw;
    for (let i = 0; i < d; i++) w[i] = (w[i] as number) - (step[i] as number);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  return w;
}
