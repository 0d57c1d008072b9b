/**
 * The first stage of ranking: a fit estimate cheap enough for every source × target pair of two
 * 1,000-operation specs (GitHub × Stripe: 80,000 pairs in a fraction of a second). Each field's name is
 * reduced once to its concepts (`postal_code` and `zip` are both `postcode`); a target field counts as
 * filled when a source field has the same concepts, half-filled when they share one telling word. The
 * suggester then scores only the pairs this shortlists.
 */
import type { SourceEndpoint, TargetEndpoint } from "./endpoint-lists.js";
import { conceptsOf, depthOf, evidenceWeight, tellingWords } from "./field-evidence.js";
import { type PairFit, sourceRankingFields, summarize, targetRankingFields } from "./pair-fit.js";
import { mustFillOf } from "./required-fields.js";

export interface SourceProfile {
  /** The concepts of each top-level field's name, joined: `email`, `postcode`, `avatar url`. */
  names: Set<string>;
  /** The same for fields one level down (`user.email`), which say less about the record itself. */
  nestedNames: Set<string>;
  words: Set<string>;
  /** The field names, in order: operations listing the same records have the same signature. */
  signature: string;
}

interface TargetField {
  name: string;
  words: string[];
  required: boolean;
  /** Evidence weights when filled from a top-level source field, or from one a level down. */
  weight: number;
  nestedWeight: number;
}

export interface TargetProfile {
  fields: TargetField[];
}

const SHARED_WORD = 0.5;

export function sourceProfile(source: SourceEndpoint): SourceProfile {
  const fields = sourceRankingFields(source);
  const profile: SourceProfile = {
    names: new Set(),
    nestedNames: new Set(),
    words: new Set(),
    signature: fields.map((f) => f.path).join(" "),
  };
  for (const field of fields) {
    const concepts = conceptsOf(field.path);
    (depthOf(field.path) === 1 ? profile.names : profile.nestedNames).add(concepts.join(" "));
    for (const w of tellingWords(concepts)) profile.words.add(w);
  }
  return profile;
}

export function targetProfile(target: TargetEndpoint): TargetProfile {
  const mustFill = mustFillOf(target);
  return {
    fields: targetRankingFields(target).map((field) => {
      const concepts = conceptsOf(field.path);
      return {
        name: concepts.join(" "),
        words: tellingWords(concepts),
        required: mustFill(field),
        weight: evidenceWeight(field.path),
        nestedWeight: evidenceWeight(field.path, "nested.field"),
      };
    }),
  };
}

function fieldScore(source: SourceProfile, field: TargetField) {
  if (source.names.has(field.name)) return { required: field.required, confidence: 1, weight: field.weight };
  if (source.nestedNames.has(field.name))
    return { required: field.required, confidence: 1, weight: field.nestedWeight };
  const shared = field.words.some((w) => source.words.has(w));
  return { required: field.required, confidence: shared ? SHARED_WORD : 0, weight: field.weight };
}

export function cheapFit(source: SourceProfile, target: TargetProfile): PairFit {
  return summarize(target.fields.map((field) => fieldScore(source, field)));
}
