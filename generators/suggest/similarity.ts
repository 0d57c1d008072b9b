/**
 * String and token-bag similarities, all in [0, 1].
 */
import { lexicalAffinity } from "./lexicon/lexicon.js";
import { conceptAffinity, isCuratedConcept } from "./synonyms.js";

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(b.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function trigrams(s: string): Map<string, number> {
  const padded = `  ${s} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient over character trigrams. */
export function trigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ga = trigrams(a);
  const gb = trigrams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of ga) {
    shared += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** How well one token matches another: same concept, related concept, or a near spelling. */
const affinityCache = new Map<string, number>();

export function tokenAffinity(a: string, b: string): number {
  const key = `${a}|${b}`;
  let value = affinityCache.get(key);
  if (value === undefined) {
    value = computeAffinity(a, b);
    if (affinityCache.size > 200_000) affinityCache.clear();
    affinityCache.set(key, value);
  }
  return value;
}

function computeAffinity(a: string, b: string): number {
  if (a === b) return 1;
  const concept = conceptAffinity(a, b);
  if (concept > 0) return concept;
  if (!(isCuratedConcept(a) && isCuratedConcept(b))) {
    const lexical = lexicalAffinity(a, b);
    if (lexical > 0) return lexical;
  }
  if (a.length >= 4 && b.length >= 4 && (a.startsWith(b) || b.startsWith(a))) return 0.7;
  if (a.length >= 5 && b.length >= 5) {
    const jw = jaroWinkler(a, b);
    if (jw >= 0.92) return 0.6;
  }
  return 0;
}

export type Weight = (token: string) => number;

/**
 * Soft, weighted Dice between two token bags: each token is matched to its best counterpart on the other
 * side; rare tokens weigh more than ubiquitous ones when a weight function is given.
 */
export function softTokenSimilarity(a: readonly string[], b: readonly string[], weight: Weight = () => 1): number {
  if (a.length === 0 || b.length === 0) return 0;
  const best = (x: string, ys: readonly string[]) => ys.reduce((m, y) => Math.max(m, tokenAffinity(x, y)), 0);
  let num = 0;
  let den = 0;
  for (const x of a) {
    const w = weight(x);
    num += w * best(x, b);
    den += w;
  }
  for (const y of b) {
    const w = weight(y);
    num += w * best(y, a);
    den += w;
  }
  return den === 0 ? 0 : num / den;
}

/** Plain overlap of two word sets relative to the smaller one (for descriptions). */
export function overlapCoefficient(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.min(a.size, b.size);
}
