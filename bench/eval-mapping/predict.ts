/**
 * Running the suggester over a list of pairs and writing the scorer's predictions format.
 */
import { type MappingModel, suggestMappings } from "../../generators/suggest/index.js";
import type { MappingPair } from "./dataset.js";

export interface ScorerCandidate {
  target: string;
  source: string | string[];
  confidence: number;
}

export type Predictions = Record<string, ScorerCandidate[]>;

export function predictPairs(pairs: readonly MappingPair[], model?: MappingModel): { predictions: Predictions; seconds: number } {
  const predictions: Predictions = {};
  let seconds = 0;
  for (const pair of pairs) {
    const started = performance.now();
    const suggestions = suggestMappings(pair.source.fields, pair.target.fields, model ? { model } : {});
    seconds += (performance.now() - started) / 1000;
    predictions[pair.id] = suggestions.flatMap(({ target, candidates }) =>
      candidates.map((c) => ({ target, source: c.source, confidence: Number(c.confidence.toFixed(4)) })),
    );
  }
  return { predictions, seconds };
}
