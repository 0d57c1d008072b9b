/**
 * The evidence that a source field fills a target field, as a fixed-length vector of signals in [0, 1]
 * that the logistic model weighs.
 */
import { type ConversionGuess, detectConversion } from "./conversion.js";
import { shadowedFields } from "./dedicated.js";
import type { FieldProfile } from "./profile.js";
import { jaroWinkler } from "./similarity.js";
import { isCuratedConcept } from "./synonyms.js";
import { TokenSpace } from "./token-space.js";
import { stem } from "./tokens.js";

export const FEATURE_NAMES = [
  "leafName",
  "pathName",
  "targetLeafCovered",
  "spelling",
  "exactLeaf",
  "parentContext",
  "sourceParentUnmatched",
  "targetParentUnmatched",
  "typeFit",
  "typeLoss",
  "variantMismatch",
  "shadowedSource",
  "description",
  "nameInDescription",
  "enumOverlap",
  "arrayElement",
  "structural",
  "sourceListParentUnmatched",
  "targetListParentUnmatched",
  "headNoun",
  "targetSystemAssigned",
  "siblingAlignment",
  "bestParent",
  "enumPair",
  "nameUnderForeignParent",
  "nameAgainstType",
  "objectTaken",
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type FeatureVector = Record<FeatureName, number>;

export interface PairEvidence {
  features: FeatureVector;
  conversion: ConversionGuess;
}

const CONTEXT_DISCOUNT = 0.8;

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Share of one side's leaf words that the other side's description uses, itself or a word WordNet relates to it. */
function wordsIn(senses: readonly (readonly string[])[], description: ReadonlySet<string>): number {
  if (senses.length === 0 || description.size === 0) return 0;
  let found = 0;
  for (const words of senses) if (words.some((w) => description.has(w))) found++;
  return found / senses.length;
}

function enumOverlap(source: FieldProfile, target: FieldProfile): number {
  if (source.enumValues.size === 0 || target.enumValues.size === 0) return 0;
  let shared = 0;
  for (const v of target.enumValues) if (source.enumValues.has(v)) shared++;
  return shared / Math.min(source.enumValues.size, target.enumValues.size);
}

/** Words after which a name only qualifies its head: `unit_amount_excluding_tax` is an amount. */
const POSTMODIFIERS = new Set("in of per with without excluding including for from to at on by".split(" "));

/** The head of a name: its last concept before any postmodifier. */
function headOf(concepts: readonly string[], ids: readonly number[]): number | undefined {
  const cut = concepts.findIndex((c, i) => i > 0 && POSTMODIFIERS.has(c));
  return ids[(cut > 0 ? cut : concepts.length) - 1];
}

/**
 * A key names the record it points to: `customer_id` is as much a customer as Stripe's `customer`, so the
 * word before a final `identifier` is a head too (an `owner_id` is an owner, never a percentage).
 */
function referenced(concepts: readonly string[], ids: readonly number[]): number | undefined {
  return concepts.length > 1 && concepts[concepts.length - 1] === "identifier" ? ids[ids.length - 2] : undefined;
}

/** A profile with its concepts numbered in the pair's token space. */
export interface EncodedField {
  profile: FieldProfile;
  leaf: number[];
  parent: number[];
  path: number[];
  /** The leaf read with its immediate parent: `emails[].email`, `Contact.Name`. */
  context: number[];
  /** A nested copy of a concept the schema also holds in a list of its own (see dedicated.ts). */
  shadowed: boolean;
  /** Every concept the field's name holds or implies: its path, its contextual reading, `address` for a city. */
  all: number[];
  /** The heads of the leaf and of its contextual reading (see headNoun). */
  heads: (number | undefined)[];
}

const MIN_PART = 3;

/**
 * One side's single word that is two words of the pair run together (`datetime` where the other side says
 * `dateTime`, `timezone` and `time_zone`) is read as those two words. Curated concepts (`postcode`) stay whole.
 */
function compoundSplitter(profiles: readonly FieldProfile[]): (concepts: readonly string[]) => string[] {
  const words = new Set<string>();
  for (const p of profiles) for (const c of [...p.parent, ...p.leaf]) words.add(c);
  const cache = new Map<string, string[]>();
  const splitOne = (word: string): string[] => {
    let parts = cache.get(word);
    if (parts !== undefined) return parts;
    parts = [word];
    if (word.length >= 2 * MIN_PART && /^[a-z]+$/.test(word) && !isCuratedConcept(word)) {
      for (let i = MIN_PART; i <= word.length - MIN_PART; i++) {
        const head = word.slice(0, i);
        const tail = word.slice(i);
        if (words.has(head) && (words.has(tail) || words.has(stem(tail)))) {
          parts = [head, words.has(tail) ? tail : stem(tail)];
          break;
        }
      }
    }
    cache.set(word, parts);
    return parts;
  };
  return (concepts) => concepts.flatMap(splitOne);
}

/** Numbers the concepts of both sides in one shared space. */
export function encodeFields(
  sources: readonly FieldProfile[],
  targets: readonly FieldProfile[],
): { space: TokenSpace; sources: EncodedField[]; targets: EncodedField[] } {
  const space = new TokenSpace();
  const split = compoundSplitter([...sources, ...targets]);
  const encode = (profile: FieldProfile, shadowed = false): EncodedField => {
    const leafConcepts = split(profile.leaf);
    const contextConcepts = split(profile.context);
    const parent = space.encode(split(profile.parent));
    const leaf = space.encode(leafConcepts);
    const context = space.encode(contextConcepts);
    const path = [...parent, ...leaf];
    const all = [...path, ...context, ...space.encode(profile.implied)];
    const heads = [headOf(leafConcepts, leaf), headOf(contextConcepts, context), referenced(leafConcepts, leaf)];
    return { profile, leaf, parent, path, context, shadowed, all, heads };
  };
  const shadowed = shadowedFields(sources);
  const encodedSources = sources.map((s, i) => encode(s, shadowed[i]));
  const encodedTargets = targets.map((t) => encode(t));
  space.freeze([...encodedSources, ...encodedTargets].map((e) => e.path));
  return { space, sources: encodedSources, targets: encodedTargets };
}

function parentContext(source: EncodedField, target: EncodedField, space: TokenSpace): number {
  if (source.parent.length === 0 && target.parent.length === 0) return 1;
  if (source.parent.length === 0 || target.parent.length === 0) return 0.5;
  return space.similarity(source.parent, target.parent);
}

/**
 * `emergencyContacts[].email`: a list parent holds other records, while an object parent (`SalesDetails`)
 * often only groups the record's own fields.
 */
function inListParent(profile: FieldProfile): number {
  const dot = profile.field.path.lastIndexOf(".");
  return dot > 0 && profile.field.path.slice(0, dot).includes("[]") ? 1 : 0;
}

/**
 * The last word of a compound name is its head: an `owner_percent` is a percentage, not an owner, and a
 * `urlSource` a source, not a URL. The best affinity between the two sides' heads.
 */
function headNoun(source: EncodedField, target: EncodedField, space: TokenSpace): number {
  let best = 0;
  for (const a of source.heads) for (const b of target.heads) best = Math.max(best, space.affinityOf(a, b));
  return best;
}

export function pairEvidence(sourceField: EncodedField, targetField: EncodedField, space: TokenSpace): PairEvidence {
  const source = sourceField.profile;
  const target = targetField.profile;
  const conversion = detectConversion(source, target);
  const sourceParentUnmatched = space.unmatched(sourceField.parent, targetField.all);
  const targetParentUnmatched = space.unmatched(targetField.parent, sourceField.all);
  const features: FeatureVector = {
    // A generic leaf (`number`, `url`, `name`) often takes its meaning from the object around it.
    leafName: Math.max(
      space.similarity(sourceField.leaf, targetField.leaf),
      (source.standsIn ? 1 : CONTEXT_DISCOUNT) * space.similarity(sourceField.context, targetField.leaf),
      (target.standsIn ? 1 : CONTEXT_DISCOUNT) * space.similarity(sourceField.leaf, targetField.context),
    ),
    pathName: space.similarity(sourceField.path, targetField.path),
    // All of what the target's name says is somewhere in the source's: `url` in `hosted_invoice_url`.
    targetLeafCovered: 1 - space.unmatched(targetField.leaf, sourceField.all),
    spelling: jaroWinkler(source.leafText, target.leafText),
    exactLeaf: source.leafText === target.leafText ? 1 : 0,
    parentContext: parentContext(sourceField, targetField, space),
    // A parent object the other side never mentions: `addresses[].phone_number` for `phone`, or the
    // `emergencyContacts[].email` of someone other than the record itself.
    sourceParentUnmatched,
    targetParentUnmatched,
    typeFit: conversion.compatibility,
    // Logarithmic, so that an object for a number costs far more than an integer for a string.
    typeLoss: Math.min(3, -Math.log(Math.max(conversion.compatibility, 1e-3))),
    variantMismatch: source.secondary === target.secondary ? 0 : 1,
    shadowedSource: sourceField.shadowed ? 1 : 0,
    description: dice(source.descriptionWords, target.descriptionWords),
    // Names differ across vendors more than descriptions do: `payee` is described as "the merchant".
    nameInDescription:
      (wordsIn(target.leafSenses, source.descriptionWords) + wordsIn(source.leafSenses, target.descriptionWords)) / 2,
    enumOverlap: enumOverlap(source, target),
    arrayElement: source.inArray && !target.inArray ? 1 : 0,
    structural: 0,
    sourceListParentUnmatched: inListParent(source) * sourceParentUnmatched,
    targetListParentUnmatched: inListParent(target) * targetParentUnmatched,
    headNoun: headNoun(sourceField, targetField, space),
    targetSystemAssigned: target.systemAssigned ? 1 : 0,
    // Set for the whole pair at once by alignObjects (object-alignment.ts).
    siblingAlignment: 0,
    bestParent: 0,
    // Two closed vocabularies: a status fills a status-like target through a table, whatever the names.
    // A one-value enum (`currency: [EUR]`) is a constant: it chooses nothing.
    enumPair: source.enumValues.size > 1 && target.enumValues.size > 0 ? 1 : 0,
    nameUnderForeignParent: 0,
    nameAgainstType: 0,
    // Set for the whole pair at once by alignObjects (object-alignment.ts).
    objectTaken: 0,
  };
  // Interactions a linear layer cannot form alone: a name match counts less inside another record, or
  // against the values' type, than the two signals' separate weights say.
  features.nameUnderForeignParent = features.leafName * Math.max(sourceParentUnmatched, targetParentUnmatched);
  features.nameAgainstType = features.leafName * (1 - features.typeFit);
  return { features, conversion };
}

/** Short human-readable reasons for the strongest signals of a candidate. */
export function explain(evidence: PairEvidence, source: FieldProfile, target: FieldProfile): string[] {
  const f = evidence.features;
  const reasons: string[] = [];
  if (f.exactLeaf === 1) reasons.push("same name");
  else if (f.leafName >= 0.99) reasons.push(`synonyms: ${source.leaf.join(" ")} ~ ${target.leaf.join(" ")}`);
  else if (f.leafName >= 0.4) reasons.push(`similar name (${f.leafName.toFixed(2)})`);
  else if (f.spelling >= 0.85) reasons.push(`similar spelling (${f.spelling.toFixed(2)})`);
  if (f.parentContext >= 0.8 && source.parent.length > 0) reasons.push("same parent object");
  if (f.description >= 0.3) reasons.push(`similar description (${f.description.toFixed(2)})`);
  if (f.enumOverlap > 0) reasons.push(`enum overlap ${(f.enumOverlap * 100).toFixed(0)}%`);
  if (f.shadowedSource === 1) reasons.push("a copy: the record has a list of its own for this");
  if (f.variantMismatch === 1) reasons.push("another variant (work, secondary, ...)");
  if (f.typeFit >= 0.95) reasons.push("compatible type");
  else if (f.typeFit < 0.5) reasons.push(`weak type fit (${source.field.type} → ${target.field.type})`);
  reasons.push(...evidence.conversion.reasons);
  return reasons;
}
