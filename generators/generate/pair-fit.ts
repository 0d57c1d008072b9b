import { type FieldRecord, splitWords, stem, suggestMappings } from "../suggest/index.js";
import type { SourceEndpoint, TargetEndpoint } from "./endpoint-lists.js";
import { depthOf, evidenceWeight, namingPath } from "./field-evidence.js";
import { resourceSegment } from "./operation-shape.js";
import { mustFillOf } from "./required-fields.js";
import { contextOf } from "./resource.js";

export interface EndpointPair {
  source: SourceEndpoint;
  target: TargetEndpoint;
  /** How well the source can fill the target, in [0, 1]: mean best confidence, required fields counted twice. */
  fit: number;
  /** Target fields with a candidate at 0.5 or more: a pair that fills two fields well is no better than one that fills twenty. */
  strong: number;
}

export interface PairFit {
  fit: number;
  strong: number;
  /** Mean best confidence over the fields the target requires (1 when it requires none). */
  required: number;
  /**
   * How much of the target gets filled, and how tellingly: the confidences at 0.5 or more, required fields
   * counted twice, generic fields (`id`, `url`) and fields filled from a nested source field less.
   */
  breadth: number;
}

/**
 * Ranking needs a fair estimate, not every field: big records (GitHub's issue: 400 leaves) are cut to
 * their shallow fields, targets to their required fields plus the 25 shallowest optional ones.
 */
export function sourceRankingFields(source: SourceEndpoint): FieldRecord[] {
  return source.fields.filter((f) => depthOf(f.path) <= 2).slice(0, 120);
}

export function targetRankingFields(target: TargetEndpoint): FieldRecord[] {
  const mustFill = mustFillOf(target);
  const optional = target.fields.filter((f) => !mustFill(f)).sort((a, b) => depthOf(a.path) - depthOf(b.path));
  return [...target.fields.filter(mustFill), ...optional.slice(0, 25)];
}

export interface FieldScore {
  required: boolean;
  /** The best candidate's confidence. */
  confidence: number;
  /** What filling it says about the pair (see field-evidence.ts). */
  weight: number;
}

/** Fit and breadth from scores per target field, whoever computed them (the suggester, or a cheap estimate). */
export function summarize(scores: readonly FieldScore[]): PairFit {
  let total = 0;
  let weight = 0;
  let strong = 0;
  let breadth = 0;
  let required = 0;
  let requiredCount = 0;
  for (const { required: must, confidence, weight: evidence } of scores) {
    const w = must ? 2 : 1;
    total += w * confidence;
    weight += w;
    if (confidence >= 0.5) {
      strong++;
      breadth += w * confidence * evidence;
    }
    if (must) {
      required += confidence;
      requiredCount++;
    }
  }
  return {
    fit: weight === 0 ? 0 : total / weight,
    strong,
    required: requiredCount === 0 ? 1 : required / requiredCount,
    breadth,
  };
}

const wordsOf = (name: string) => splitWords(name).map(stem).join(" ");

/**
 * How a target's fields are named for ranking: by their naming path, and without the envelope when the
 * body carries the path's records in an array named after them (SendGrid's `PUT /marketing/contacts`
 * takes `{ list_ids, contacts: [{ email, first_name }] }`: its fields are a contact's `email`, not
 * `contacts[].email`, which the suggester reads as a list nested in some other record).
 */
export function targetNaming(target: TargetEndpoint): (path: string) => string {
  const resource = wordsOf(resourceSegment(target.operation.path));
  const envelope = target.fields
    .map((f) => f.path.split(".")[0]!)
    .find((head) => head.endsWith("[]") && resource !== "" && wordsOf(head.slice(0, -2)) === resource);
  if (envelope === undefined) return namingPath;
  const prefix = `${envelope}.`;
  return (path) => namingPath(path.startsWith(prefix) ? path.slice(prefix.length) : path);
}

/** Fields as the suggester should read them for ranking: by their naming path (`date.value` → `date`). */
function named(fields: readonly FieldRecord[], naming: (path: string) => string = namingPath): FieldRecord[] {
  const seen = new Set<string>();
  return fields.flatMap((f) => {
    const path = naming(f.path);
    if (seen.has(path)) return [];
    seen.add(path);
    return [path === f.path ? f : { ...f, path }];
  });
}

export function fitOf(source: SourceEndpoint, target: TargetEndpoint): PairFit {
  const targetFields = targetRankingFields(target);
  const naming = targetNaming(target);
  const suggestions = suggestMappings(named(sourceRankingFields(source)), named(targetFields, naming), {
    maxCandidates: 1,
    context: contextOf(source, target),
  });
  const byPath = new Map(targetFields.map((f) => [naming(f.path), f]));
  const mustFill = mustFillOf(target);
  return summarize(
    suggestions.map((s) => {
      const best = s.candidates[0];
      const from = Array.isArray(best?.source) ? best.source[0] : best?.source;
      const field = byPath.get(s.target);
      return {
        required: field !== undefined && mustFill(field),
        confidence: best?.confidence ?? 0,
        weight: evidenceWeight(s.target, from),
      };
    }),
  );
}

/**
 * How good a pair is, before what the operations' shapes say: how much of the target it fills (log, so
 * breadth helps but a rich target cannot win on size alone), scaled down when required fields go unfilled.
 * Not the mean fit: that favours tiny targets (`account_links`: 6 fields) over the records a connector
 * is for (`customers`: name, email, phone... among 38).
 */
export function pairScore(pair: Pick<PairFit, "required" | "breadth">): number {
  return (0.25 + 0.75 * pair.required) * Math.log2(1 + pair.breadth);
}
