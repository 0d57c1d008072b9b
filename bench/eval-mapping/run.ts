/**
 * `npm run eval:mapping [-- --data DIR] [--added DIR] [--predictions FILE] [--fit] [--cross-only] [--pointwise]`
 * (`--pointwise`: the pair layer fitted pair by pair, as before issue 21's choice fit, for comparison)
 *
 * The figures to quote are out of sample:
 * - cross-split: weights fitted on `dev` score `dev2`, and fitted on `dev2` score `dev` (the pairs added in
 *   bench/eval-mapping/pairs, which belong to neither, join both trainings); both directions averaged;
 * - leave-one-vendor-out over every pair: a pair is scored by weights fitted on the pairs that share
 *   neither of its vendors.
 * It also prints the in-sample figures of the shipped weights (which were fitted on all of it: not a
 * measure of anything but fit), leave-one-domain-out on `dev` (last stop's figure), and times a
 * synthetic 200 × 200 pair.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_MODEL, PRIOR_MODEL } from "../../generators/suggest/index.js";
import { loadSplit, type MappingPair, splitIds } from "./dataset.js";
import { type Example, FIT_OPTIONS, type FitOptions, fitModel, prepareExamples } from "./fit.js";
import { type Predictions, predictExamples, predictPairs } from "./predict.js";
import { crossSplit, leaveOneDomainOut, leaveOneVendorOut } from "./protocols.js";
import { loadScorer, meanOf, type Overall, scorePairs, table } from "./scoring.js";
import { timeSynthetic } from "./speed.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const TARGETS = { top1: 0.8, f1: 0.75, ece: 0.08, synthetic: 1 };

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  return value ?? fallback;
}

const data = path.resolve(option("--data", path.join(root, "../shared/datasets/mapping")));
const addedDir = path.resolve(option("--added", path.join(root, "bench/eval-mapping/pairs")));
const file = path.resolve(option("--predictions", path.join(root, "test-output/mapping-predictions.json")));

function write(target: string, predictions: Predictions): void {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(predictions, null, 1)}\n`);
}

function versusTargets(label: string, o: Overall): string {
  const f = (v: number | null) => (v === null ? "-" : v.toFixed(3));
  return `${label}: top-1 ${f(o.top1_accuracy)} (target ≥ ${TARGETS.top1})  F1 ${f(o.accepted_f1)} (target ≥ ${TARGETS.f1})  ECE ${f(o.ece_top1)} (target ≤ ${TARGETS.ece})  R@3 ${f(o.recall_at_3)}`;
}

const fitOptions: FitOptions = process.argv.includes("--pointwise")
  ? { ...FIT_OPTIONS, pairFit: "pointwise" }
  : FIT_OPTIONS;
const scorer = await loadScorer(data);
const splits = splitIds(data);
const dev = prepareExamples(loadSplit(data, "dev"));
const dev2 = prepareExamples(loadSplit(data, "dev2"));
const addedSplits = existsSync(path.join(addedDir, "splits.json")) ? Object.keys(splitIds(addedDir)) : [];
const added = prepareExamples(addedSplits.flatMap((s) => loadSplit(addedDir, s)));
const pairsOf = (examples: readonly Example[]): MappingPair[] => examples.map((e) => e.pair);
const score = (examples: readonly Example[], predictions: Predictions) =>
  scorePairs(scorer, pairsOf(examples), predictions).overall;
console.log(
  `data: ${data} (dev ${splits.dev?.length ?? 0} pairs, dev2 ${splits.dev2?.length ?? 0}); added pairs: ${added.length} (${addedDir})`,
);

// Cross-split, with and without the added pairs in training.
const crossRows: [string, Overall][] = [];
const crossMeans: Record<string, Overall> = {};
for (const [label, extra] of [
  ["dev + dev2 only", [] as Example[]],
  ["with added pairs", added],
] as const) {
  if (label === "with added pairs" && added.length === 0) continue;
  const toDev2 = score(dev2, crossSplit(dev, dev2, extra, fitOptions));
  const toDev = score(dev, crossSplit(dev2, dev, extra, fitOptions));
  const mean = meanOf([toDev2, toDev]);
  crossMeans[label] = mean;
  crossRows.push([`${label}: fit dev → dev2`, toDev2], [`${label}: fit dev2 → dev`, toDev], [`${label}: MEAN`, mean]);
}
console.log("\n#### cross-split (fit on one development split, score the other; threshold 0.5)");
console.log(table(crossRows));

const everything = [...dev, ...dev2, ...added];
if (process.argv.includes("--cross-only")) {
  for (const [label, mean] of Object.entries(crossMeans))
    console.log(versusTargets(`cross-split mean, ${label}`, mean));
  if (process.argv.includes("--fit"))
    console.log(`\nweights fit on every pair: ${JSON.stringify(fitModel(everything, PRIOR_MODEL, fitOptions))}`);
  process.exit(0);
}
const lovo = leaveOneVendorOut(everything, fitOptions);
write(file.replace(/\.json$/, ".lovo.json"), lovo);
console.log("\n#### leave-one-vendor-out (each pair scored by weights fitted without any pair of its two vendors)");
const lovoAll = score(everything, lovo);
console.log(
  table([
    ["all pairs", lovoAll],
    ["dev", score(dev, lovo)],
    ["dev2", score(dev2, lovo)],
    ...(added.length > 0 ? ([["added", score(added, lovo)]] as [string, Overall][]) : []),
    ["dev + dev2", score([...dev, ...dev2], lovo)],
  ]),
);
const byDomain = scorePairs(scorer, pairsOf(everything), lovo).byDomain;
console.log("\nleave-one-vendor-out per domain:");
console.log(table(Object.entries(byDomain)));

console.log("\n#### for reference (not out of sample across vendors)");
const lodo = score(dev, leaveOneDomainOut(dev));
const inSample = predictPairs(pairsOf([...dev, ...dev2]), DEFAULT_MODEL);
write(file, inSample.predictions);
console.log(
  table([
    ["dev: leave-one-domain-out (last stop's figure)", lodo],
    ["dev: shipped weights (in sample)", score(dev, inSample.predictions)],
    ["dev2: shipped weights (in sample)", score(dev2, inSample.predictions)],
    ...(added.length > 0
      ? ([["added: shipped weights (in sample)", score(added, predictExamples(added))]] as [string, Overall][])
      : []),
  ]),
);
const targetCount = dev.concat(dev2).reduce((n, e) => n + e.pair.target.fields.length, 0);
console.log(
  `suggestion time (shipped weights): ${(inSample.seconds * 1000).toFixed(0)} ms for ${dev.length + dev2.length} pairs, ${targetCount} target fields`,
);

if (process.argv.includes("--fit")) {
  console.log(`\nweights fit on every pair: ${JSON.stringify(fitModel(everything, PRIOR_MODEL, fitOptions))}`);
}

const speed = timeSynthetic(200, 5);

console.log("\n#### summary");
for (const [label, mean] of Object.entries(crossMeans)) console.log(versusTargets(`cross-split mean, ${label}`, mean));
console.log(versusTargets("leave-one-vendor-out, all pairs", lovoAll));
console.log(
  `200 × 200 synthetic pair, median of ${speed.runs}: ${speed.wallMs.toFixed(0)} ms wall, ${speed.cpuMs.toFixed(0)} ms CPU (target < ${TARGETS.synthetic * 1000} ms)`,
);
console.log(`predictions: ${file} (shipped weights), ${file.replace(/\.json$/, ".lovo.json")} (leave-one-vendor-out)`);
