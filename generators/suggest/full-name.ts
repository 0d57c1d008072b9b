import type { TargetSuggestion } from "./suggest.js";

const FULL_NAME = /^(full_?name|fullName|FullName)$/;
const FULL_NAME_CONFIDENCE = 0.9;

/**
 * A target named "full name" filled from a first and a last name is as sure as mappings get, but
 * the calibrated model, fitted mostly on one-to-one pairs, under-rates every concat: lift it.
 * A bare `name` stays as the model scored it (it is as often a company or a product name).
 */
export function liftFullNameConcat(suggestions: TargetSuggestion[]): TargetSuggestion[] {
  return suggestions.map((suggestion) => {
    const leaf = suggestion.target.split(".").pop() ?? "";
    if (!FULL_NAME.test(leaf)) return suggestion;
    const concat = suggestion.candidates.find(
      (c) => c.conversion === "concat" && Array.isArray(c.source) && c.source.length === 2,
    );
    if (!concat) return suggestion;
    const lifted = { ...concat, confidence: Math.max(concat.confidence, FULL_NAME_CONFIDENCE) };
    return { target: suggestion.target, candidates: [lifted, ...suggestion.candidates.filter((c) => c !== concat)] };
  });
}
