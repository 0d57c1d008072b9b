/**
 * Running the suggester over a list of pairs and writing the scorer's predictions format.
 */
import { resourceOf } from "../../generators/generate/resource.js";
import { type MappingModel, type RecordContext, suggestMappings } from "../../generators/suggest/index.js";
import type { MappingPair } from "./dataset.js";

export interface ScorerCandidate {
  target: string;
  source: string | string[];
  confidence: number;
}

export type Predictions = Record<string, ScorerCandidate[]>;

/** What `cannectors generate` knows too: the resources the two operations' paths name. */
function contextOf(pair: MappingPair): RecordContext | undefined {
  const source = pair.source.operation?.path;
  const target = pair.target.operation?.path;
  return source && target ? { sourceResource: resourceOf(source), targetResource: resourceOf(target) } : undefined;
}

export function predictPairs(pairs: readonly MappingPair[], model?: MappingModel): { predictions: Predictions; seconds: number } {
  const predictions: Predictions = {};
  let seconds = 0;
  for (const pair of pairs) {
    const started = performance.now();
    const options = { context: contextOf(pair), ...(model ? { model } : {}) };
    const suggestions = suggestMappings(pair.source.fields, pair.target.fields, options);
    seconds += (performance.now() - started) / 1000;
    predictions[pair.id] = suggestions.flatMap(({ target, candidates }) =>
      candidates.map((c) => ({ target, source: c.source, confidence: Number(c.confidence.toFixed(4)) })),
    );
  }
  return { predictions, seconds };
}
