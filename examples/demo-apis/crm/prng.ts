import { seededRandom } from "../../../runtime/net/seeded-random.js";

/** mulberry32 (runtime/net/seeded-random.ts), so the demo data is identical on every machine and every run. */
export const createPrng: (seed: number) => () => number = seededRandom;

export interface Picker {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function createPicker(seed: number): Picker {
  const next = createPrng(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError("pick from an empty list");
      return item;
    },
  };
}
