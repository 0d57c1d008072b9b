/**
 * The skeleton of an enum → enum lookup table: each source value paired with the target value that means
 * the same, when the values themselves say so (same text in another case, synonyms such as `closed` and
 * `completed`, near spellings), else `null` for the developer to fill in. A table is never guessed from
 * position or order: a wrong entry would move wrong data silently, a `null` is visible.
 */
import { jaroWinkler } from "./similarity.js";
import { conceptAffinity, toConcepts } from "./synonyms.js";
import { tokenize } from "./tokens.js";

function valueAffinity(a: string, b: string): number {
  if (a.toLowerCase() === b.toLowerCase()) return 1;
  const x = toConcepts(tokenize(a));
  const y = toConcepts(tokenize(b));
  if (x.length === 1 && y.length === 1) {
    const concept = conceptAffinity(x[0] as string, y[0] as string);
    if (concept >= 0.8) return concept;
  }
  const jw = jaroWinkler(a.toLowerCase(), b.toLowerCase());
  return jw >= 0.9 ? jw * 0.8 : 0;
}

/** Every source value as a key; its target value, or null when nothing in the values says which. */
export function pairEnumValues(
  sourceValues: readonly unknown[],
  targetValues: readonly unknown[],
): Record<string, string | null> {
  const table: Record<string, string | null> = {};
  for (const raw of sourceValues) {
    const s = String(raw);
    let best: string | null = null;
    let bestScore = 0;
    for (const t of targetValues.map(String)) {
      const score = valueAffinity(s, t);
      if (score > bestScore) [best, bestScore] = [t, score];
    }
    table[s] = best;
  }
  return table;
}
