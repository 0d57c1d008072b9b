/**
 * `node dist/bench/eval-mapping/analyse.js`: where the cross-split misses come from (dev error analysis,
 * not a figure to quote): for every scored target of the other split, whether the right source is the
 * best candidate (accepted at 0.5, or not: a recall loss), ranked lower, scored but under the display floor, or
 * never a candidate at all.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PRIOR_MODEL, scorePrepared } from "../../generators/suggest/index.js";
import { type GroundTruth, isCorrect, loadSplit } from "./dataset.js";
import { type Example, fitModel, prepareExamples } from "./fit.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const data = path.join(root, "../shared/datasets/mapping");
const dev = prepareExamples(loadSplit(data, "dev"));
const dev2 = prepareExamples(loadSplit(data, "dev2"));
const added = prepareExamples(loadSplit(path.join(root, "bench/eval-mapping/pairs"), "added"));
const verbose = process.argv.includes("--verbose");

function analyse(label: string, train: Example[], test: Example[]): void {
  const model = fitModel([...train, ...added], PRIOR_MODEL);
  const counts: Record<string, number> = {};
  for (const { pair, prepared } of test) {
    const truth = new Map<string, GroundTruth>(pair.ground_truth.map((g) => [g.target, g]));
    for (const { target, candidates } of scorePrepared(prepared, model)) {
      const g = truth.get(target);
      if (!g || g.uncertain || g.sources.length === 0) continue;
      const rank = candidates.findIndex((c) => isCorrect(c.source, g));
      const top = candidates[0];
      const kind =
        rank === 0
          ? top && top.confidence >= 0.5
            ? "top"
            : top && top.confidence >= 0.05
              ? "top-under-0.5"
              : "top-under-floor"
          : rank > 0
            ? "ranked-lower"
            : "not-generated";
      counts[kind] = (counts[kind] ?? 0) + 1;
      if (verbose && kind !== "top")
        console.log(
          `${kind.padEnd(15)} ${pair.id}  ${target} ← ${JSON.stringify(g.sources)} (${g.conversion})  got ${JSON.stringify(top?.source)} ${top?.confidence.toFixed(2)}${rank > 0 ? ` right at #${rank + 1} ${candidates[rank]?.confidence.toFixed(2)}` : ""}`,
        );
    }
  }
  console.log(label, counts);
}
analyse("dev → dev2", dev, dev2);
analyse("dev2 → dev", dev2, dev);
