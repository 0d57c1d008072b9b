/**
 * General word knowledge from WordNet (see derive-lexicon.ts): two words that name the same thing in their
 * most frequent senses (`subject` ~ `topic`, `start` ~ `begin`), or one derived from the other
 * (`describe` ~ `description`). Parsed on first use only: a run that never compares unknown words never
 * pays for it.
 */
import { WORDNET_DERIVATIONS, WORDNET_SYNONYMS } from "./wordnet-lexicon.js";

/** Affinities: weaker than the curated vocabulary (a first sense is not always the API's sense). */
export const LEXICAL_SYNONYM = 0.7;
export const LEXICAL_DERIVATION = 0.7;

interface Lexicon {
  synonyms: Map<string, number[]>;
  derivations: Map<string, number[]>;
}

let lexicon: Lexicon | undefined;

function groupsOf(encoded: string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  encoded.split(";").forEach((group, id) => {
    for (const word of group.split(" ")) groups.set(word, [...(groups.get(word) ?? []), id]);
  });
  return groups;
}

function load(): Lexicon {
  lexicon ??= { synonyms: groupsOf(WORDNET_SYNONYMS), derivations: groupsOf(WORDNET_DERIVATIONS) };
  return lexicon;
}

function share(groups: Map<string, number[]>, a: string, b: string): boolean {
  const ga = groups.get(a);
  const gb = groups.get(b);
  return ga !== undefined && gb !== undefined && ga.some((g) => gb.includes(g));
}

/** The lexicon's forms of a word: itself, and without a past or progressive ending (`created` → `create`). */
function forms(word: string): string[] {
  const out = [word];
  if (word.length > 5 && word.endsWith("ed")) out.push(word.slice(0, -1), word.slice(0, -2));
  if (word.length > 6 && word.endsWith("ing")) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  return out;
}

/** LEXICAL_SYNONYM or LEXICAL_DERIVATION when WordNet relates the two (stemmed) words, else 0. */
export function lexicalAffinity(a: string, b: string): number {
  if (a === b) return 1;
  const { synonyms, derivations } = load();
  const fa = forms(a);
  const fb = forms(b);
  if (fa.some((x) => fb.includes(x))) return LEXICAL_DERIVATION;
  for (const x of fa) {
    for (const y of fb) {
      if (share(synonyms, x, y)) return LEXICAL_SYNONYM;
      if (share(derivations, x, y)) return LEXICAL_DERIVATION;
    }
  }
  return 0;
}

/** A word with every word WordNet relates to it (its forms, synonyms and derivations): what a description may say instead. */
export function relatedWords(word: string): string[] {
  const { synonyms, derivations } = load();
  const out = new Set(forms(word));
  for (const form of [...out]) {
    for (const [groups, encoded] of [
      [synonyms, WORDNET_SYNONYMS],
      [derivations, WORDNET_DERIVATIONS],
    ] as const) {
      for (const id of groups.get(form) ?? []) for (const w of groupWords(encoded, id)) out.add(w);
    }
  }
  return [...out];
}

const splitCache = new Map<string, string[]>();
function groupWords(encoded: string, id: number): string[] {
  let groups = splitCache.get(encoded);
  if (groups === undefined) {
    groups = encoded.split(";");
    splitCache.set(encoded, groups);
  }
  return (groups[id] ?? "").split(" ");
}
