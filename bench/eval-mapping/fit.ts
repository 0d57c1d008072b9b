/**
 * Fitting the suggester's three logistic layers on labelled pairs: Newton's method with L2 regularisation
 * toward the reasoned priors, so that little data moves the weights little.
 */
import { featureArray, type MappingModel, rankingInputs, scoreCandidates } from "../../generators/suggest/index.js";
import { type GroundTruth, isCorrect, type MappingPair } from "./dataset.js";

function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]?.[c] ?? 0) > Math.abs(a[pivot]?.[c] ?? 0)) pivot = r;
    [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const p = a[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = a[r] as number[];
      const f = (row[c] as number) / (p[c] as number);
      for (let k = c; k <= n; k++) row[k] = (row[k] as number) - f * (p[k] as number);
    }
  }
  return a.map((row, i) => (row[n] as number) / (row[i] as number));
}

/** Weights (intercept first) minimising log-loss + lambda/2·|w − prior|². */
export function fitLogistic(inputs: number[][], labels: boolean[], prior: readonly number[], lambda: number): number[] {
  const w = [...prior];
  const d = w.length;
  for (let iter = 0; iter < 60; iter++) {
    const grad = w.map((wi, i) => lambda * (wi - (prior[i] as number)));
    const hess = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? lambda : 0)));
    inputs.forEach((x, n) => {
      const row = [1, ...x];
      const z = row.reduce((s, v, i) => s + v * (w[i] as number), 0);
      const p = 1 / (1 + Math.exp(-z));
      const err = p - (labels[n] ? 1 : 0);
      const curvature = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < d; i++) {
        grad[i] = (grad[i] as number) + err * (row[i] as number);
        const hi = hess[i] as number[];
        for (let j = 0; j < d; j++) hi[j] = (hi[j] as number) + curvature * (row[i] as number) * (row[j] as number);
      }
    });
    const raw = solve(hess, grad);
    // Damped Newton: a long step on nearly separable data overshoots.
    const norm = Math.hypot(...raw);
    const step = norm > 2 ? raw.map((v) => (v * 2) / norm) : raw;
    let moved = 0;
    for (let i = 0; i < d; i++) {
      w[i] = (w[i] as number) - (step[i] as number);
      moved = Math.max(moved, Math.abs(step[i] as number));
    }
    if (moved < 1e-6) break;
  }
  return w;
}

function scoredTargets(pairs: readonly MappingPair[], model: MappingModel) {
  return pairs.flatMap((pair) => {
    const truth = new Map<string, GroundTruth>(pair.ground_truth.map((g) => [g.target, g]));
    return scoreCandidates(pair.source.fields, pair.target.fields, model).flatMap(({ target, candidates }) => {
      const g = truth.get(target);
      return g === undefined || g.uncertain ? [] : [{ truth: g, candidates }];
    });
  });
}

/**
 * How strongly each layer is pulled toward its priors. The pair layer sees thousands of candidates and may
 * move; the re-ranking and calibration layers see a few hundred and stay closer to their priors (chosen by
 * leave-one-domain-out on the dev split).
 */
export interface FitOptions {
  lambda: number;
  rerankLambda: number;
  calibrationLambda: number;
  /** Candidates re-ranked per target: the few best by pair logit, where the order is decided. */
  rerankDepth: number;
}

export const FIT_OPTIONS: FitOptions = { lambda: 5, rerankLambda: 20, calibrationLambda: 5, rerankDepth: 5 };

/** Refits the three layers in turn on the given pairs, starting from (and regularised toward) the prior model. */
export function fitModel(pairs: readonly MappingPair[], prior: MappingModel, options: FitOptions = FIT_OPTIONS): MappingModel {
  const { lambda, rerankLambda, calibrationLambda, rerankDepth } = options;
  const pairInputs: number[][] = [];
  const pairLabels: boolean[] = [];
  for (const { truth, candidates } of scoredTargets(pairs, prior)) {
    for (const c of candidates) {
      pairInputs.push(featureArray(c.features));
      pairLabels.push(isCorrect(c.source, truth));
    }
  }
  const pair = fitLogistic(pairInputs, pairLabels, prior.pair, lambda);
  const rankInputs: number[][] = [];
  const rankLabels: boolean[] = [];
  for (const { truth, candidates } of scoredTargets(pairs, { ...prior, pair })) {
    const byLogit = [...candidates].sort((a, b) => b.logit - a.logit);
    for (const c of byLogit.slice(0, rerankDepth)) {
      rankInputs.push(rankingInputs(c));
      rankLabels.push(isCorrect(c.source, truth));
    }
  }
  const rerank = fitLogistic(rankInputs, rankLabels, prior.rerank, rerankLambda);
  const calInputs: number[][] = [];
  const calLabels: boolean[] = [];
  for (const { truth, candidates } of scoredTargets(pairs, { ...prior, pair, rerank })) {
    // ECE is judged on the top candidate of each target, so that is what the calibration layer sees.
    const top = candidates[0];
    if (top === undefined) continue;
    calInputs.push([top.score]);
    calLabels.push(isCorrect(top.source, truth));
  }
  return { pair, rerank, calibration: fitLogistic(calInputs, calLabels, prior.calibration, calibrationLambda) };
}
