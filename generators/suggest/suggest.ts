/**
 * The mapping suggester: for every target field, ranked source candidates with calibrated confidences,
 * short reasons and the conversion each needs.
 */
import { readingPaths } from "./flattened-objects.js";
import { liftFullNameConcat } from "./full-name.js";
import { applyRecordContext, type RecordContext } from "./record-context.js";
import type { FieldRecord } from "./field-record.js";
import { encodeFields, explain, type FeatureVector, pairEvidence } from "./features.js";
import { hungarian } from "./hungarian.js";
import { alignObjects } from "./object-alignment.js";
import { calibrate, DEFAULT_MODEL, type MappingModel, pairLogit, rerankScore, sigmoid } from "./model.js";
import { type FieldProfile, profileField } from "./profile.js";
import { structuralCandidates } from "./structural.js";
import { QUALIFIERS } from "./token-space.js";

export interface MappingCandidate {
  source: string | string[];
  confidence: number;
  reasons: string[];
  conversion: string;
}

export interface TargetSuggestion {
  target: string;
  candidates: MappingCandidate[];
}

export interface SuggestOptions {
  model?: MappingModel;
  /** Candidates kept per target (default 5). */
  maxCandidates?: number;
  /** Candidates below this confidence are not shown: "no match" is an answer (default 0.05). */
  minConfidence?: number;
  /** What the operations say about the records (resource names), when known. */
  context?: RecordContext;
}

/** A candidate with the numbers behind it, for evaluation and model fitting. */
export interface ScoredCandidate extends MappingCandidate {
  features: FeatureVector;
  logit: number;
  assigned: boolean;
  taken: boolean;
  /** Logit minus the best rival source's logit for the same target. */
  margin: number;
  /** Logit minus the best rival target's logit for the same source. */
  sourceMargin: number;
  /** The re-ranking layer's score, which orders a target's candidates. */
  score: number;
  /** The candidate's share of the target among all its sources and "no source" (see CandidateStanding). */
  share: number;
}

/**
 * Candidates kept per target, by pair logit, before re-ranking: the re-ranking layer reorders the few best,
 * it never lifts the hundredth. Keeping them all cost most of the time on a 400-field source.
 */
const CANDIDATE_POOL = 16;

/** Pair scores below this never enter the assignment: they are not plausible enough to compete. */
const ASSIGNMENT_FLOOR = 0.05;

interface PairScore {
  logit: number;
  evidence: ReturnType<typeof pairEvidence>;
}

/** A field's name without its qualifiers: `home_phone` and `phone` are the same thing, for different uses. */
function unqualified(profile: FieldProfile): string {
  return [...profile.parent, ...profile.leaf].filter((c) => !QUALIFIERS.has(c)).join(" ");
}

/** The two largest values (−Infinity when absent); a tie makes the margin 0. */
function topTwo(values: readonly number[]): [number, number] {
  let first = Number.NEGATIVE_INFINITY;
  let second = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v > first) [first, second] = [v, first];
    else if (v > second) second = v;
  }
  return [first, second];
}

/**
 * Everything about a schema pair that does not depend on the model's weights: the profiles, the
 * evidence of every (target, source) pair and the structural candidates. Fitting re-scores one
 * preparation under many weights; suggesting prepares once and scores once.
 */
export interface PreparedPair {
  sources: FieldProfile[];
  targets: FieldProfile[];
  /** evidence[target][source] */
  evidence: ReturnType<typeof pairEvidence>[][];
  structural: { sources: FieldProfile[]; conversion: string; reason: string; features: FeatureVector }[][];
}

export function preparePair(source: readonly FieldRecord[], target: readonly FieldRecord[]): PreparedPair {
  const sourcePaths = readingPaths(source);
  const targetPaths = readingPaths(target);
  const sources = source.map((f, i) => profileField(f, sourcePaths[i]));
  const targets = target.map((f, i) => profileField(f, targetPaths[i]));
  const encoded = encodeFields(sources, targets);
  const { space } = encoded;
  const evidence = encoded.targets.map((t) => encoded.sources.map((s) => pairEvidence(s, t, space)));
  alignObjects(
    sources,
    targets,
    evidence.map((row) => row.map((e) => e.features)),
  );
  const structural = targets.map((t, ti) =>
    structuralCandidates(t, sources).map((candidate) => {
      const first = candidate.sources[0] as FieldProfile;
      const base = evidence[ti]?.[sources.indexOf(first)] as ReturnType<typeof pairEvidence>;
      // A deliberate shape: its parts' names are not meant to read as the target's (first name ← full name).
      const features: FeatureVector = { ...base.features, leafName: 0.6, exactLeaf: 0, headNoun: 1, structural: 1 };
      return { ...candidate, features };
    }),
  );
  return { sources, targets, evidence, structural };
}

/** The indices of the `k` highest logits. */
function topIndices(row: readonly PairScore[], k: number): number[] {
  return row
    .map((r, i) => [r.logit, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, k)
    .map(([, i]) => i);
}

/** Scores every (target, source) pair, assigns globally, and returns every candidate with its numbers. */
export function scoreCandidates(
  source: readonly FieldRecord[],
  target: readonly FieldRecord[],
  model: MappingModel = DEFAULT_MODEL,
): { target: string; candidates: ScoredCandidate[] }[] {
  return scorePrepared(preparePair(source, target), model);
}

/** Scores a prepared pair under one model's weights. */
export function scorePrepared(
  prepared: PreparedPair,
  model: MappingModel = DEFAULT_MODEL,
): { target: string; candidates: ScoredCandidate[] }[] {
  const { sources, targets } = prepared;
  const scores: PairScore[][] = prepared.evidence.map((row) =>
    row.map((evidence) => ({ evidence, logit: pairLogit(model, evidence.features) })),
  );
  const cost = scores.map((row) =>
    row.map(({ logit }) => {
      const p = sigmoid(logit);
      return p >= ASSIGNMENT_FLOOR ? -p : 0;
    }),
  );
  const columnTops = sources.map((_, si) => topTwo(scores.map((row) => (row[si] as PairScore).logit)));
  const assignment = hungarian(cost);
  const ownerOfSource = new Map<number, number>();
  assignment.forEach((col, row) => {
    if (col >= 0 && (cost[row]?.[col] ?? 0) < 0) ownerOfSource.set(col, row);
  });

  const unqualifiedTargets = targets.map(unqualified);
  return targets.map((t, ti) => {
    const row = scores[ti] as PairScore[];
    const [best, runnerUp] = topTwo(row.map((r) => r.logit));
    const pool = row.length <= CANDIDATE_POOL ? row.map((_, si) => si) : topIndices(row, CANDIDATE_POOL);
    const candidates: ScoredCandidate[] = pool.map((si) => {
      const { evidence, logit } = row[si] as PairScore;
      const s = sources[si] as FieldProfile;
      const owner = ownerOfSource.get(si);
      const assigned = owner === ti;
      // One phone number may fill `phone` and `home_phone` alike; a `work_phone` stays a rival.
      const sharedVariant = owner !== undefined && !t.secondary && unqualifiedTargets[ti] === unqualifiedTargets[owner];
      // Picking one element of a list does not use the list up: `phone_numbers[]` holds the home and the
      // mobile number alike, so the other targets of such a source are no rivals (a work variant still is).
      const listElement = s.inArray && !t.inArray && !t.secondary;
      const taken = owner !== undefined && owner !== ti && !sharedVariant && !listElement;
      const margin = logit - (logit === best ? runnerUp : best);
      const [columnBest, columnRunnerUp] = columnTops[si] as [number, number];
      const rivalry = logit - (logit === columnBest ? columnRunnerUp : columnBest);
      const sourceMargin = listElement ? Math.max(0, rivalry) : rivalry;
      return {
        source: s.field.path,
        conversion: evidence.conversion.conversion,
        // Reasons are text: built lazily, only for the candidates someone will read.
        get reasons() {
          return [
            ...explain(evidence, s, t),
            ...(taken ? [`also the best source of ${targets[owner as number]?.field.path}`] : []),
          ];
        },
        features: evidence.features,
        logit,
        assigned,
        taken,
        margin,
        sourceMargin,
        score: 0,
        share: 0,
        confidence: 0,
      };
    });
    for (const structural of prepared.structural[ti] ?? []) {
      const logit = pairLogit(model, structural.features);
      const paths = structural.sources.map((s) => s.field.path);
      candidates.push({
        source: paths.length === 1 ? (paths[0] as string) : paths,
        conversion: structural.conversion,
        reasons: [structural.reason],
        features: structural.features,
        logit,
        assigned: true,
        taken: false,
        margin: logit - best,
        // Exempt from the one-to-one assignment: a full name may feed both name parts.
        sourceMargin: 0,
        score: 0,
        share: 0,
        confidence: 0,
      });
    }
    // Every source of the row counts as a rival, not only the pool; "no source" is the option of logit 0.
    let total = 1;
    for (const r of row) total += Math.exp(Math.min(r.logit, 30));
    for (const c of candidates) if (!row.some((r) => r.logit === c.logit)) total += Math.exp(Math.min(c.logit, 30));
    for (const c of candidates) {
      c.share = Math.exp(Math.min(c.logit, 30)) / total;
      c.score = rerankScore(model, c);
      c.confidence = calibrate(model, c.score);
    }
    candidates.sort((a, b) => b.confidence - a.confidence);
    return { target: t.field.path, candidates };
  });
}

export function suggestMappings(
  source: readonly FieldRecord[],
  target: readonly FieldRecord[],
  options: SuggestOptions = {},
): TargetSuggestion[] {
  return suggestPrepared(preparePair(source, target), options);
}

/** Conversions that only values of the right kind can need: a table, a time layout, minor units. */
const TYPED_CONVERSION =
  /(^|\+)(enum_map|datetime_to_date|date_to_datetime|unix_to_\w+|\w+_to_unix|major_to_minor|minor_to_major)(\+|$)/;
const FALLBACK_COUNT = 1;

/**
 * A target that no name matches still gets the sources its type asks for (`segment` with an enum ← the
 * source's enum `status`, through a table): listed with the model's own confidence, however low (on the
 * labelled pairs, such a name-less enum → enum candidate is right about one time in fifty), so the
 * developer sees the conversion skeleton rather than nothing.
 */
function conversionFallback(candidates: readonly ScoredCandidate[]): ScoredCandidate[] {
  return candidates
    .filter((c) => TYPED_CONVERSION.test(c.conversion) && c.features.typeFit >= 0.8 && !c.taken)
    .filter((c) => !c.conversion.includes("enum_map") || c.features.enumPair === 1)
    .slice(0, FALLBACK_COUNT)
    .map((c) => ({ ...c, reasons: ["no name in common: only the type fits", ...c.reasons] }));
}

/** `suggestMappings` on a pair prepared once (evaluation scores one preparation under several models). */
export function suggestPrepared(prepared: PreparedPair, options: SuggestOptions = {}): TargetSuggestion[] {
  const source = prepared.sources.map((p) => p.field);
  const target = prepared.targets.map((p) => p.field);
  const max = options.maxCandidates ?? 5;
  const min = options.minConfidence ?? 0.05;
  const suggestions = scorePrepared(prepared, options.model).map(({ target: path, candidates }) => {
    const shown = candidates.filter((c) => c.confidence >= min);
    return {
      target: path,
      candidates: (shown.length > 0 ? shown.slice(0, max) : conversionFallback(candidates)).map(
        ({ source: s, confidence, reasons, conversion }) => ({ source: s, confidence, reasons, conversion }),
      ),
    };
  });
  const lifted = liftFullNameConcat(suggestions);
  return options.context ? applyRecordContext(lifted, source, target, options.context) : lifted;
}
