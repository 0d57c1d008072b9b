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
  /** Intercept, pair logit, assigned to this target, source assigned to another target. */
  calibration: readonly number[];
}

/** The priors: what the weights would be with no data at all. */
export const PRIOR_MODEL: MappingModel = {
  pair: [-9, 5, 2, 1.5, 1.5, 1, 2.5, 1, 1, -0.5, 1],
  calibration: [0, 1, 0.5, -1],
};

/** The priors refined on the development split (`npm run eval:mapping -- --fit`), rounded. */
export const DEFAULT_MODEL: MappingModel = {
  pair: [-9.99, 4.52, 2.31, 0.38, 0.52, 1.53, 1.59, 1.18, 1.0, -0.5, 1.06],
  calibration: [0.24, 1.02, 0.6, -0.89],
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

export function calibrationInputs(logit: number, assigned: boolean, taken: boolean): number[] {
  return [logit, assigned ? 1 : 0, taken ? 1 : 0];
}

export function confidenceOf(model: MappingModel, logit: number, assigned: boolean, taken: boolean): number {
  return sigmoid(dot(model.calibration, calibrationInputs(logit, assigned, taken)));
}
