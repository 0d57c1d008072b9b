export { type ConversionGuess, detectConversion } from "./conversion.js";
export { FEATURE_NAMES, type FeatureName, type FeatureVector } from "./features.js";
export type { FieldRecord } from "./field-record.js";
export { assignmentCost, hungarian } from "./hungarian.js";
export {
  DEFAULT_MODEL,
  featureArray,
  type MappingModel,
  PRIOR_MODEL,
  rankingInputs,
  sigmoid,
} from "./model.js";
export { type FieldProfile, profileField } from "./profile.js";
export { jaroWinkler, softTokenSimilarity, trigramSimilarity } from "./similarity.js";
export {
  type MappingCandidate,
  type PreparedPair,
  preparePair,
  type ScoredCandidate,
  type SuggestOptions,
  scoreCandidates,
  scorePrepared,
  suggestMappings,
  suggestPrepared,
  type TargetSuggestion,
} from "./suggest.js";
export { pairEnumValues } from "./enum-values.js";
export { conceptAffinity, toConcepts } from "./synonyms.js";
export { splitWords, stem, tokenize } from "./tokens.js";
export { applyRecordContext, type RecordContext } from "./record-context.js";
