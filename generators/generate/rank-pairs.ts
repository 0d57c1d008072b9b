/**
 * The best source × target pairs over two whole specs, in two stages: every pair gets a cheap fit from
 * field-name concepts, scaled by what the operations' shapes say (a collection create beats an action;
 * a list needing no path parameter beats one that does) and by resource affinity (users ~ customers);
 * the suggester then scores a bounded shortlist, so big specs stay fast.
 */
import type { LoadedSpec } from "../openapi/index.js";
import { cheapFit, type SourceProfile, sourceProfile, type TargetProfile, targetProfile } from "./cheap-fit.js";
import {
  label,
  pathParams,
  type SourceEndpoint,
  sourceEndpoints,
  type TargetEndpoint,
  targetEndpoints,
} from "./endpoint-lists.js";
import {
  creatablePaths,
  isListing,
  namingSegments,
  readablePaths,
  resourceSegment,
  type Shape,
  sourceShape,
  targetShape,
} from "./operation-shape.js";
import { type EndpointPair, fitOf, type PairFit, pairScore } from "./pair-fit.js";
import { type Affinity, resourceAffinity, type ResourceKind, resourceKind } from "./resource-affinity.js";
import { recordNature } from "./record-nature.js";
import { type Centrality, centralityIn, namespacesIn } from "./resource-centrality.js";
import { type LedgerSide, ledgerSide, sideAffinity } from "./ledger-side.js";
import { flowAffinity } from "./business-flow.js";
import { hintAffinity, parseHint } from "./domain-hint.js";

export interface RankedPair extends EndpointPair, PairFit {
  /** The ranking score: the pair's fit score times the shape and affinity factors. */
  score: number;
  /** Why the score is what it is, beyond field names (`target: an action (cancel)`). */
  notes: string[];
}

export interface RankOptions {
  /** The candidates on each side (default: all of the spec's); one operation when the user named it. */
  sources?: SourceEndpoint[];
  targets?: TargetEndpoint[];
  /** Pairs the suggester scores (default 40). */
  shortlist?: number;
  /** What the connector is for, in the user's words (`products`, `orders → invoices`): see domain-hint.ts. */
  hint?: string;
}

interface Side<E, P> {
  endpoint: E;
  label: string;
  /** What the operation's shape and its resource's centrality say, whatever it is paired with. */
  shape: Shape;
  profile: P;
  kind: ResourceKind;
  resource: string;
  /** Sales or purchasing side of the books: an order goes to a customer invoice, not a supplier's. */
  side: LedgerSide;
  /** Fewer path parameters, then shorter paths, first among equals. */
  order: [number, number];
}

interface Candidate {
  source: Side<SourceEndpoint, SourceProfile>;
  target: Side<TargetEndpoint, TargetProfile>;
  /** Both sides' shape factors times their affinity. */
  prior: number;
  affinity: Affinity;
  /** The prior times the pair's fit score: the cheap estimate's, then the suggester's. */
  score: number;
}

/**
 * What a pair is worth before any field matches: a target whose body the field names cannot read (Jira's
 * issue: a free-form `fields` object) still counts by what its records are, so tickets → issues is not
 * out-ranked by a well-named settings screen.
 */
const FIELD_FLOOR = 1;

/** Pairs the suggester scores: ~25 ms each, so ~1 s on GitHub × Stripe. */
const SHORTLIST = 40;
/** At least this many shortlisted pairs per source and per target operation, more when a side has few. */
const PER_SOURCE = 8;
const PER_TARGET = 6;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Deterministic: equal scores fall back to simpler sources, then to labels. */
function byScore(a: Candidate, b: Candidate): number {
  return (
    b.score - a.score ||
    b.prior - a.prior ||
    a.source.order[0] - b.source.order[0] ||
    a.source.order[1] - b.source.order[1] ||
    compareText(a.source.label, b.source.label) ||
    compareText(a.target.label, b.target.label)
  );
}

function side<E extends SourceEndpoint | TargetEndpoint, P>(
  name: "source" | "target",
  endpoint: E,
  shape: Shape,
  spec: { centrality: (resource: string) => Centrality; isNamespace: (segment: string) => boolean },
  profile: P,
): Side<E, P> {
  const { operation } = endpoint;
  const resource = resourceOf(endpoint);
  const central = spec.centrality(resource);
  const nature = recordNature(namingSegments(operation.path), resource, spec.isNamespace);
  const notes = [central.note, nature.note].filter((n) => n !== undefined).map((n) => `${name}: ${n}`);
  return {
    endpoint,
    label: label(operation),
    shape: { factor: shape.factor * central.factor * nature.factor, notes: [...shape.notes, ...notes] },
    profile,
    kind: resourceKind(resource),
    resource,
    side: ledgerSide(resource),
    order: [pathParams(operation), operation.path.length],
  };
}

/** Jira's `GET /search` lists `issues`: when the path names no resource, the records' selector does. */
function resourceOf(endpoint: SourceEndpoint | TargetEndpoint): string {
  const resource = resourceSegment(endpoint.operation.path);
  const selector = "records" in endpoint ? endpoint.records.split(".").at(-1) : undefined;
  return (resource === "" || isListing(resource)) && selector ? selector : resource;
}

/**
 * The top pairs by cheap score, at most a few per operation so that one popular schema cannot fill the
 * list: GitHub has a hundred operations listing the same repository records, and only the best-placed
 * of them (fewest path parameters) is worth the suggester's time against a given target.
 */
function shortlist(candidates: Candidate[], size: number, sources: number, targets: number): Candidate[] {
  const perSource = Math.max(PER_SOURCE, Math.ceil(size / Math.max(1, sources)));
  const perTarget = Math.max(PER_TARGET, Math.ceil(size / Math.max(1, targets)));
  const taken = new Map<object, number>();
  const seen = new Set<string>();
  const kept: Candidate[] = [];
  for (const candidate of candidates.sort(byScore)) {
    if (kept.length >= size) break;
    const s = taken.get(candidate.source) ?? 0;
    const t = taken.get(candidate.target) ?? 0;
    const same = `${candidate.source.profile.signature}→${candidate.target.label}`;
    if (s >= perSource || t >= perTarget || seen.has(same)) continue;
    taken.set(candidate.source, s + 1);
    taken.set(candidate.target, t + 1);
    seen.add(same);
    kept.push(candidate);
  }
  return kept;
}

/** Two pair factors as one: both apply, both reasons shown. */
function alongside(a: Affinity, b: Affinity): Affinity {
  const notes = [a.note, b.note].filter((n) => n !== undefined);
  return { factor: a.factor * b.factor, ...(notes.length > 0 ? { note: notes.join("; ") } : {}) };
}

export function rankPairs(sourceSpec: LoadedSpec, targetSpec: LoadedSpec, options: RankOptions = {}): RankedPair[] {
  const readable = readablePaths(targetSpec);
  const creatable = creatablePaths(targetSpec);
  const sourceCentrality = { centrality: centralityIn(sourceSpec), isNamespace: namespacesIn(sourceSpec) };
  const targetCentrality = { centrality: centralityIn(targetSpec), isNamespace: namespacesIn(targetSpec) };
  const sources = (options.sources ?? sourceEndpoints(sourceSpec)).map((s) =>
    side("source", s, sourceShape(s.operation), sourceCentrality, sourceProfile(s)),
  );
  const targets = (options.targets ?? targetEndpoints(targetSpec)).map((t) =>
    side("target", t, targetShape(t.operation, readable, creatable), targetCentrality, targetProfile(t)),
  );
  const hint = options.hint?.trim() ? parseHint(options.hint) : undefined;
  const candidates: Candidate[] = [];
  for (const source of sources) {
    for (const target of targets) {
      const affinity = [
        sideAffinity(source, target),
        flowAffinity(source.kind, target.kind),
        hintAffinity(hint, source.kind, target.kind),
      ].reduce(alongside, resourceAffinity(source.kind, target.kind));
      const prior = source.shape.factor * target.shape.factor * affinity.factor;
      const score = prior * (FIELD_FLOOR + pairScore(cheapFit(source.profile, target.profile)));
      candidates.push({ source, target, prior, affinity, score });
    }
  }
  const scored = shortlist(candidates, options.shortlist ?? SHORTLIST, sources.length, targets.length).map(
    (candidate) => {
      const fit = fitOf(candidate.source.endpoint, candidate.target.endpoint);
      return { ...candidate, fit, score: candidate.prior * (FIELD_FLOOR + pairScore(fit)) };
    },
  );
  return scored.sort(byScore).map(({ source, target, affinity, fit, score }) => ({
    source: source.endpoint,
    target: target.endpoint,
    ...fit,
    score,
    notes: [...(affinity.note ? [affinity.note] : []), ...source.shape.notes, ...target.shape.notes],
  }));
}
