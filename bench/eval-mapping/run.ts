/**
 * `npm run eval:mapping [-- --data DIR] [--predictions FILE] [--split dev] [--no-lodo] [--fit]`
 *
 * Runs the mapping suggester on every pair of a dataset split, writes the scorer's predictions file and
 * prints the dataset's own scorer output (in-sample: the shipped weights). Then refits the weights leaving
 * one domain out at a time and scores those held-out predictions (LODO: the honest figure for unseen
 * domains), and times a synthetic 200 × 200 pair.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_MODEL, PRIOR_MODEL, suggestMappings } from "../../generators/suggest/index.js";
import { loadSplit, type MappingPair } from "./dataset.js";
import { fitModel } from "./fit.js";
import { type Predictions, predictPairs } from "./predict.js";
import { syntheticFields } from "./synthetic.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const TARGETS = { top1: 0.85, f1: 0.8, ece: 0.08, synthetic: 1 };

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  return value ?? fallback;
}

const data = path.resolve(option("--data", path.join(root, "../shared/datasets/mapping")));
const file = path.resolve(option("--predictions", path.join(root, "test-output/mapping-predictions.json")));
const split = option("--split", "dev");

interface Overall {
  top1_accuracy: number | null;
  recall_at_3: number | null;
  accepted_f1: number | null;
  no_match_precision: number | null;
  ece_top1: number | null;
}

function score(predictionsFile: string, label: string): Overall | undefined {
  const scorer = path.join(data, "score.mjs");
  const splitArgs = ["dev", "test"].includes(split) ? ["--split", split] : [];
  const args = [scorer, predictionsFile, "--data", data, ...splitArgs];
  console.log(`\n#### ${label}: node ${args.join(" ")}`);
  console.log(execFileSync(process.execPath, args, { encoding: "utf8" }).trimEnd());
  const json = JSON.parse(execFileSync(process.execPath, [...args, "--json"], { encoding: "utf8" })) as Record<string, { overall: Overall }>;
  return json[split]?.overall;
}

function versusTargets(label: string, o: Overall | undefined): void {
  if (!o) return;
  const f = (v: number | null) => (v === null ? "-" : v.toFixed(3));
  console.log(
    `${label}: top-1 ${f(o.top1_accuracy)} (target ≥ ${TARGETS.top1})  F1 ${f(o.accepted_f1)} (target ≥ ${TARGETS.f1})  ECE ${f(o.ece_top1)} (target ≤ ${TARGETS.ece})  R@3 ${f(o.recall_at_3)}  no-match P ${f(o.no_match_precision)}`,
  );
}

function write(target: string, predictions: Predictions): void {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(predictions, null, 1)}\n`);
}

function leaveOneDomainOut(pairs: readonly MappingPair[]): Predictions {
  const domains = [...new Set(pairs.map((p) => p.domain))].sort();
  const predictions: Predictions = {};
  for (const domain of domains) {
    const model = fitModel(
      pairs.filter((p) => p.domain !== domain),
      PRIOR_MODEL,
    );
    Object.assign(predictions, predictPairs(pairs.filter((p) => p.domain === domain), model).predictions);
  }
  return predictions;
}

const pairs = loadSplit(data, split);
const { predictions, seconds } = predictPairs(pairs, DEFAULT_MODEL);
write(file, predictions);
const targetCount = pairs.reduce((n, p) => n + p.target.fields.length, 0);
const inSample = score(file, "in-sample (shipped weights)");
console.log(`\nsuggestion time: ${(seconds * 1000).toFixed(0)} ms for ${pairs.length} pairs, ${targetCount} target fields`);

let lodo: Overall | undefined;
const domainCount = new Set(pairs.map((p) => p.domain)).size;
if (!process.argv.includes("--no-lodo") && domainCount >= 2) {
  const lodoFile = file.replace(/\.json$/, "") + ".lodo.json";
  write(lodoFile, leaveOneDomainOut(pairs));
  lodo = score(lodoFile, `leave-one-domain-out (${domainCount} folds, weights refit without the held-out domain)`);
}

if (process.argv.includes("--fit")) {
  console.log(`\nweights fit on all of ${split}: ${JSON.stringify(fitModel(pairs, PRIOR_MODEL))}`);
}

const source = syntheticFields(200, 1, false);
const target = syntheticFields(200, 2, true);
suggestMappings(source, target);
const started = performance.now();
suggestMappings(source, target);
const syntheticSeconds = (performance.now() - started) / 1000;

console.log("\n#### summary");
versusTargets("in-sample", inSample);
if (lodo) versusTargets("LODO     ", lodo);
console.log(`200 × 200 synthetic pair: ${(syntheticSeconds * 1000).toFixed(0)} ms (target < ${TARGETS.synthetic * 1000} ms)`);
console.log(`predictions: ${file}`);
