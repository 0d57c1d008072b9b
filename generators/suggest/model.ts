/**
 * The scoring model: a logistic regression over the pair signals, then a second, tiny logistic layer
 * that turns the pair score and the outcome of the global assignment into a calibrated confidence.
 *
 * Weights were first set by reasoning (a name match is the strongest signal; type fit and parent context
 * sharpen it; structural candidates such as first+last → full name start from a prior) and then refined
 * on the development split with L2 regularisation toward those priors; `npm run eval:mapping -- --lodo`
 * refits them leaving one domain out at a time to show how they generalise.
 */
import { FEATURE_NAMES, type FeatureVector } from "./features.js";

export interface MappingModel {
  /** Intercept, then one weight per entry of FEATURE_NAMES. */
  pair: readonly number[];
  /** Intercept, then pair logit, assigned, taken by another target, margin (see calibrationInputs). */
  calibration: readonly number[];
}

/** The priors: what the weights would be with no data at all. */
export const PRIOR_MODEL: MappingModel = {
  pair: [-9, 5, 2, 1.5, 1.5, 1, 2.5, 1, 1, 1, -0.5, 1],
  calibration: [0, 1, 0.5, -1, 0.3],
};

/**
 * The priors refined on the development split (`npm run eval:mapping -- --fit`), rounded. The
 * `nameInDescription` weight and the margin weight stay at hand-set values: refitting all weights
 * together scored worse on the dev split than keeping these (the LODO figures refit everything anyway).
 */
export const DEFAULT_MODEL: MappingModel = {
  pair: [-9.99, 4.52, 2.31, 0.38, 0.52, 1.53, 1.59, 1.18, 1, 1.0, -0.5, 1.06],
  calibration: [0.24, 1.02, 0.6, -0.89, 0],
};

export function featureArray(features: FeatureVector): number[] {
  return FEATURE_NAMES.map((name) => features[name]);
}

export function dot(weights: readonly number[], inputs: readonly number[]): number {
  let z = weights[0] ?? 0;
  for (let i = 0; i < inputs.length; i++) z += (weights[i + 1] ?? 0) * (inputs[i] ?? 0);
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function pairLogit(model: MappingModel, features: FeatureVector): number {
  return dot(model.pair, featureArray(features));
}

/** What the calibration layer sees of one candidate: its own score and how it fared against its rivals. */
export interface CandidateStanding {
  logit: number;
  assigned: boolean;
  taken: boolean;
  /** Logit minus the best rival source's logit for the same target. */
  margin: number;
}

/** A clear winner is more often right than a close call with the same score; clipped so outliers stay tame. */
const MARGIN_CLIP = 4;

export function calibrationInputs(c: CandidateStanding): number[] {
  const margin = Math.max(-MARGIN_CLIP, Math.min(MARGIN_CLIP, c.margin));
  return [c.logit, c.assigned ? 1 : 0, c.taken ? 1 : 0, margin];
}

export function confidenceOf(model: MappingModel, c: CandidateStanding): number {
  return sigmoid(dot(model.calibration, calibrationInputs(c)));
}
