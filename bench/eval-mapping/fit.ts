/**
 * Fitting the suggester's three logistic layers on labelled pairs: Newton's method with L2 regularisation
 * toward the reasoned priors, so that little data moves the weights little.
 */
import {
  featureArray,
  type MappingModel,
  type PreparedPair,
  preparePair,
  rankingInputs,
  scorePrepared,
} from "../../generators/suggest/index.js";
import { type ChoiceGroup, fitChoice } from "./fit-choice.js";
import { type GroundTruth, isCorrect, type MappingPair } from "./dataset.js";

/** A labelled pair with its model-independent preparation, computed once for every fit and prediction. */
export interface Example {
  pair: MappingPair;
  prepared: PreparedPair;
}

export function prepareExamples(pairs: readonly MappingPair[]): Example[] {
  return pairs.map((pair) => ({ pair, prepared: preparePair(pair.source.fields, pair.target.fields) }));
}

export function solve(matrix: number[][], vector: number[]): number[] {
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

/**
 * Rows with the same inputs (to 3 decimals) and label, merged into one with a count: most candidates of a
 * wide schema are alike (no name in common, same type), and the fit's cost is linear in rows.
 */
function mergeRows(
  inputs: readonly number[][],
  labels: readonly boolean[],
): { rows: number[][]; y: number[]; n: number[] } {
  const index = new Map<string, number>();
  const rows: number[][] = [];
  const y: number[] = [];
  const n: number[] = [];
  inputs.forEach((x, i) => {
    const rounded = x.map((v) => Math.round(v * 1000) / 1000);
    const key = `${labels[i] ? 1 : 0}:${rounded.join(",")}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, rows.length);
      rows.push([1, ...rounded]);
      y.push(labels[i] ? 1 : 0);
      n.push(1);
    } else n[at] = (n[at] as number) + 1;
  });
  return { rows, y, n };
}

/** Weights (intercept first) minimising log-loss + lambda/2·|w − prior|². */
export function fitLogistic(inputs: number[][], labels: boolean[], prior: readonly number[], lambda: number): number[] {
  const { rows, y, n } = mergeRows(inputs, labels);
  const w = [...prior];
  const d = w.length;
  for (let iter = 0; iter < 60; iter++) {
    const grad = w.map((wi, i) => lambda * (wi - (prior[i] as number)));
    const hess = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? lambda : 0)));
    rows.forEach((row, r) => {
      const count = n[r] as number;
      const z = row.reduce((s, v, i) => s + v * (w[i] as number), 0);
      const p = 1 / (1 + Math.exp(-z));
      const err = count * (p - (y[r] as number));
      const curvature = count * Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < d; i++) {
        const ri = row[i] as number;
        if (ri === 0) continue;
        grad[i] = (grad[i] as number) + err * ri;
        const hi = hess[i] as number[];
        for (let j = 0; j < d; j++) hi[j] = (hi[j] as number) + curvature * ri * (row[j] as number);
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

function scoredTargets(examples: readonly Example[], model: MappingModel) {
  return examples.flatMap(({ pair, prepared }) => {
    const truth = new Map<string, GroundTruth>(pair.ground_truth.map((g) => [g.target, g]));
    return scorePrepared(prepared, model).flatMap(({ target, candidates }) => {
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
  /**
   * How the pair layer is fitted: as a choice among each target's sources and "none" (fit-choice.ts), or
   * pointwise, every (target, source) pair on its own (the fit before issue 21's second stop).
   */
  pairFit: "choice" | "pointwise";
}

export const FIT_OPTIONS: FitOptions = {
  lambda: 5,
  rerankLambda: 20,
  calibrationLambda: 5,
  rerankDepth: 5,
  pairFit: "choice",
};

/** The pair layer's weights on the given pairs (their inputs do not depend on any other weights). */
function fitPairLayer(examples: readonly Example[], prior: MappingModel, options: FitOptions): readonly number[] {
  const pairInputs: number[][] = [];
  const pairLabels: boolean[] = [];
  const groups: ChoiceGroup[] = [];
  // The pair layer sees every (target, source) pair: its inputs do not depend on any weights.
  for (const { pair: labelled, prepared } of examples) {
    const truth = new Map<string, GroundTruth>(labelled.ground_truth.map((g) => [g.target, g]));
    prepared.targets.forEach((t, ti) => {
      const g = truth.get(t.field.path);
      if (g === undefined || g.uncertain) return;
      const first = pairInputs.length;
      prepared.evidence[ti]?.forEach((e, si) => {
        pairInputs.push(featureArray(e.features));
        pairLabels.push(isCorrect(prepared.sources[si]?.field.path ?? "", g));
      });
      for (const s of prepared.structural[ti] ?? []) {
        pairInputs.push(featureArray(s.features));
        pairLabels.push(
          isCorrect(s.sources.length === 1 ? (s.sources[0]?.field.path ?? "") : s.sources.map((x) => x.field.path), g),
        );
      }
      const right = pairLabels.slice(first).filter(Boolean).length;
      groups.push({
        inputs: pairInputs.slice(first),
        labels: pairLabels.slice(first).map((y) => (y ? 1 / right : 0)),
      });
    });
  }
  return options.pairFit === "pointwise"
    ? fitLogistic(pairInputs, pairLabels, prior.pair, options.lambda)
    : fitChoice(groups, prior.pair, options.lambda);
}

/** Refits the three layers in turn on the given pairs, starting from (and regularised toward) the prior model. */
export function fitModel(
  examples: readonly Example[],
  prior: MappingModel,
  options: FitOptions = FIT_OPTIONS,
): MappingModel {
  const { rerankLambda, calibrationLambda, rerankDepth } = options;
  const pair = fitPairLayer(examples, prior, options);
  const rankInputs: number[][] = [];
  const rankLabels: boolean[] = [];
  for (const { truth, candidates } of scoredTargets(examples, { ...prior, pair })) {
    const byLogit = [...candidates].sort((a, b) => b.logit - a.logit);
    for (const c of byLogit.slice(0, rerankDepth)) {
      rankInputs.push(rankingInputs(c));
      rankLabels.push(isCorrect(c.source, truth));
    }
  }
  const rerank = fitLogistic(rankInputs, rankLabels, prior.rerank, rerankLambda);
  const calInputs: number[][] = [];
  const calLabels: boolean[] = [];
  for (const { truth, candidates } of scoredTargets(examples, { ...prior, pair, rerank })) {
    // ECE is judged on the top candidate of each target, so that is what the calibration layer sees.
    const top = candidates[0];
    if (top === undefined) continue;
    calInputs.push([top.score]);
    calLabels.push(isCorrect(top.source, truth));
  }
  return { pair, rerank, calibration: fitLogistic(calInputs, calLabels, prior.calibration, calibrationLambda) };
}
