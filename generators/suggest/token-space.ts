/**
 * The concepts of one schema pair, numbered, with their pairwise affinities and weights computed once:
 * comparing two fields then costs a few array look-ups, which keeps 200 × 200 pairs fast.
 */
import { tokenAffinity } from "./similarity.js";

/**
 * Words that say which one of several of the same thing a field holds, not what it holds: a
 * `personal_email` is still an email, `homeAddress.city` still a city. They count for little.
 */
export const QUALIFIERS: ReadonlySet<string> = new Set([
  "primary",
  "secondary",
  "personal",
  "private",
  "home",
  "work",
  "office",
  "business",
  "main",
  "default",
  "other",
  "alternate",
  "alternative",
  "additional",
]);
const QUALIFIER_WEIGHT = 0.25;

export class TokenSpace {
  private readonly ids = new Map<string, number>();
  private affinity: Float64Array = new Float64Array(0);
  private weights: Float64Array = new Float64Array(0);
  private size = 0;

  /** Registers the tokens of every field first; call `freeze` before comparing. */
  encode(tokens: readonly string[]): number[] {
    return tokens.map((t) => {
      let id = this.ids.get(t);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(t, id);
      }
      return id;
    });
  }

  /** Computes affinities; `documents` are the per-field token-id sets for the rarity weights. */
  freeze(documents: readonly (readonly number[])[]): void {
    const tokens = [...this.ids.keys()];
    const n = tokens.length;
    this.size = n;
    this.affinity = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const a = tokenAffinity(tokens[i] as string, tokens[j] as string);
        this.affinity[i * n + j] = a;
        this.affinity[j * n + i] = a;
      }
    }
    const df = new Float64Array(n);
    for (const doc of documents) for (const id of new Set(doc)) df[id] = (df[id] as number) + 1;
    const total = documents.length;
    // Rare words weigh more than words every field shares (`address` in an address-only schema).
    this.weights = df.map((d) => Math.log(1 + total / Math.max(1, d)) / Math.log(1 + Math.max(1, total)));
    tokens.forEach((t, id) => {
      if (QUALIFIERS.has(t)) this.weights[id] = (this.weights[id] as number) * QUALIFIER_WEIGHT;
    });
  }

  /**
   * The weighted share of `a` that nothing in `b` matches: 0 when `a` is empty or fully matched. Read
   * directionally, it tells a parent object that the other side never mentions (`addresses` for `phone`).
   */
  unmatched(a: readonly number[], b: readonly number[]): number {
    if (a.length === 0) return 0;
    let missing = 0;
    let den = 0;
    for (const x of a) {
      const w = this.weights[x] as number;
      let best = 0;
      const row = x * this.size;
      for (const y of b) {
        const v = this.affinity[row + y] as number;
        if (v > best) best = v;
      }
      missing += w * (1 - best);
      den += w;
    }
    return den === 0 ? 0 : missing / den;
  }

  /** The affinity of two concepts (0 when either is absent). */
  affinityOf(a: number | undefined, b: number | undefined): number {
    if (a === undefined || b === undefined) return 0;
    return this.affinity[a * this.size + b] as number;
  }

  /** Soft weighted Dice, as softTokenSimilarity, over encoded tokens. */
  similarity(a: readonly number[], b: readonly number[]): number {
    if (a.length === 0 || b.length === 0) return 0;
    let num = 0;
    let den = 0;
    for (const [xs, ys] of [
      [a, b],
      [b, a],
    ] as const) {
      for (const x of xs) {
        const w = this.weights[x] as number;
        let best = 0;
        const row = x * this.size;
        for (const y of ys) {
          const v = this.affinity[row + y] as number;
          if (v > best) best = v;
        }
        num += w * best;
        den += w;
      }
    }
    return den === 0 ? 0 : num / den;
  }
}
