import { describe, expect, it } from "vitest";
import { FEATURE_NAMES, type FeatureVector } from "./features.js";
import { type CandidateStanding, DEFAULT_MODEL, PRIOR_MODEL, rankingInputs, rerankScore } from "./model.js";

const features = (overrides: Partial<FeatureVector> = {}): FeatureVector => ({
  ...(Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as FeatureVector),
  leafName: 1,
  parentContext: 1,
  typeFit: 1,
  headNoun: 1,
  ...overrides,
});

const standing = (overrides: Partial<FeatureVector> = {}, margin = 2): CandidateStanding => ({
  logit: 1,
  assigned: true,
  taken: false,
  margin,
  sourceMargin: 2,
  share: 0.5,
  features: features(overrides),
});

describe("rankingInputs", () => {
  it("has one weight per input in every shipped model", () => {
    const inputs = rankingInputs(standing()).length;
    expect(PRIOR_MODEL.rerank).toHaveLength(inputs + 1);
    expect(DEFAULT_MODEL.rerank).toHaveLength(inputs + 1);
  });

  // The same standing, told apart only by what the pair layer weighs too lightly.
  it.each([
    // Against a rival source: the mutual best's foreign parent is the next test's case.
    {
      case: "a source parent the target never mentions",
      change: { sourceParentUnmatched: 1 },
      margin: -1,
      direction: -1,
    },
    {
      case: "a target parent the source never mentions",
      change: { targetParentUnmatched: 1 },
      margin: -1,
      direction: -1,
    },
    { case: "another variant (work vs home)", change: { variantMismatch: 1 }, direction: -1 },
    { case: "a foreign list parent (emergency contacts)", change: { targetListParentUnmatched: 1 }, direction: -1 },
    { case: "a head noun that differs (owner_id for ownerPercent)", change: { headNoun: 0 }, direction: -1 },
    { case: "a split or concat of the record's own fields", change: { structural: 1 }, direction: 1 },
    { case: "a split or concat inside another object", change: { structural: 1, parentContext: 0 }, direction: 0 },
  ])("$case moves the re-ranked score by sign $direction", ({ change, direction, margin }) => {
    for (const model of [PRIOR_MODEL, DEFAULT_MODEL]) {
      const delta = rerankScore(model, standing(change, margin)) - rerankScore(model, standing({}, margin));
      expect(Math.sign(Number(delta.toFixed(9)))).toBe(direction);
    }
  });

  it("a larger share of the target raises the re-ranked score", () => {
    for (const model of [PRIOR_MODEL, DEFAULT_MODEL]) {
      const at = (share: number) => rerankScore(model, { ...standing(), share });
      expect(at(0.9)).toBeGreaterThan(at(0.1));
    }
  });

  it("a foreign parent costs the mutual best less than a candidate with a better rival", () => {
    // `recipient.email ← customer.email`: the only email on both sides, inside an object the target never names.
    for (const model of [PRIOR_MODEL, DEFAULT_MODEL]) {
      const cost = (margin: number) =>
        rerankScore(model, standing({}, margin)) - rerankScore(model, standing({ sourceParentUnmatched: 1 }, margin));
      expect(cost(2)).toBeLessThan(cost(-1));
    }
  });
});
