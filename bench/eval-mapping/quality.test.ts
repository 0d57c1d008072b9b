import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSplit } from "./dataset.js";
import { predictPairs } from "./predict.js";

const data = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/datasets/mapping");
const present = existsSync(path.join(data, "splits.json"));
if (!present && process.env.CI === "true") throw new Error(`mapping dataset missing at ${data} (required in CI)`);

interface Overall {
  top1_accuracy: number;
  accepted_f1: number;
  ece_top1: number;
}
interface Scorer {
  loadDataset(dir: string): unknown;
  score(
    dataset: unknown,
    predictions: unknown,
    options: { threshold: number },
  ): { result: { dev: { overall: Overall } } };
}

// Floors just under the leave-one-domain-out figures of `npm run eval:mapping` (top-1 0.870, F1 0.811,
// ECE 0.053); the shipped weights score 0.878, 0.819, 0.055 in sample, so a drop below a floor is a
// regression, not noise. The exact-name baseline: top-1 0.348, F1 0.386, ECE 0.565.
const FLOORS = [
  { metric: "top1_accuracy", atLeast: 0.86 },
  { metric: "accepted_f1", atLeast: 0.805 },
  { metric: "ece_top1", atMost: 0.065 },
] as const;

describe.skipIf(!present)(
  `mapping quality on the dev split (${present ? data : "dataset missing: skipped"})`,
  async () => {
    const scorer = present ? ((await import(pathToFileURL(path.join(data, "score.mjs")).href)) as Scorer) : undefined;
    const overall = () => {
      const { predictions } = predictPairs(loadSplit(data, "dev"));
      return scorer?.score(scorer.loadDataset(data), predictions, { threshold: 0.5 }).result.dev.overall as Overall;
    };
    let cached: Overall | undefined;

    it.each(FLOORS)("$metric within its floor", (floor) => {
      cached ??= overall();
      const value = cached[floor.metric];
      if ("atLeast" in floor) expect(value).toBeGreaterThanOrEqual(floor.atLeast);
      else expect(value).toBeLessThanOrEqual(floor.atMost);
    });
  },
);
