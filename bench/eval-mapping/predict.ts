/**
 * Running the suggester over a list of pairs and writing the scorer's predictions format.
 */
import { resourceOf } from "../../generators/generate/resource.js";
import { type MappingModel, type RecordContext, suggestPrepared } from "../../generators/suggest/index.js";
import type { MappingPair } from "./dataset.js";
import { type Example, prepareExamples } from "./fit.js";

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

/** Predictions for prepared pairs under one model (the shipped one when none is given). */
export function predictExamples(examples: readonly Example[], model?: MappingModel): Predictions {
  const predictions: Predictions = {};
  for (const { pair, prepared } of examples) {
    const suggestions = suggestPrepared(prepared, { context: contextOf(pair), ...(model ? { model } : {}) });
    predictions[pair.id] = suggestions.flatMap(({ target, candidates }) =>
      candidates.map((c) => ({ target, source: c.source, confidence: Number(c.confidence.toFixed(4)) })),
    );
  }
  return predictions;
}

/** Predictions from the raw pairs, timed end to end (preparation included), as `generate` runs them. */
export function predictPairs(
  pairs: readonly MappingPair[],
  model?: MappingModel,
): { predictions: Predictions; seconds: number } {
  const started = performance.now();
  const predictions = predictExamples(prepareExamples(pairs), model);
  return { predictions, seconds: (performance.now() - started) / 1000 };
}
