/**
 * The out-of-sample protocols: every prediction comes from weights fitted on pairs that share nothing
 * with the pair predicted (no split, no domain, or no vendor in common).
 */
import { type MappingModel, PRIOR_MODEL } from "../../generators/suggest/index.js";
import { vendorsOf } from "./dataset.js";
import { type Example, FIT_OPTIONS, type FitOptions, fitModel } from "./fit.js";
import { type Predictions, predictExamples } from "./predict.js";

/** Fit on `train` (plus pairs that belong to neither split), predict `test`. */
export function crossSplit(
  train: readonly Example[],
  test: readonly Example[],
  extra: readonly Example[] = [],
  options: FitOptions = FIT_OPTIONS,
): Predictions {
  return predictExamples(test, fitModel([...train, ...extra], PRIOR_MODEL, options));
}

/**
 * Each pair is predicted by weights fitted on the pairs that share neither of its vendors: a Stripe →
 * Xero pair never learns from another Stripe or Xero pair. Pairs with the same vendors share one fit.
 */
export function leaveOneVendorOut(examples: readonly Example[], options: FitOptions = FIT_OPTIONS): Predictions {
  const folds = new Map<string, Example[]>();
  for (const example of examples) {
    const key = vendorsOf(example.pair).sort().join(" ");
    folds.set(key, [...(folds.get(key) ?? []), example]);
  }
  const predictions: Predictions = {};
  for (const [key, fold] of folds) {
    const vendors = new Set(key.split(" "));
    const train = examples.filter((e) => !vendorsOf(e.pair).some((v) => vendors.has(v)));
    Object.assign(predictions, predictExamples(fold, fitModel(train, PRIOR_MODEL, options)));
  }
  return predictions;
}

/** Each domain predicted by weights fitted without it. */
export function leaveOneDomainOut(examples: readonly Example[]): Predictions {
  const domains = [...new Set(examples.map((e) => e.pair.domain))].sort();
  const predictions: Predictions = {};
  for (const domain of domains) {
    const model: MappingModel = fitModel(
      examples.filter((e) => e.pair.domain !== domain),
      PRIOR_MODEL,
    );
    Object.assign(
      predictions,
      predictExamples(
        examples.filter((e) => e.pair.domain === domain),
        model,
      ),
    );
  }
  return predictions;
}
