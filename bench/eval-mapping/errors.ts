/**
 * `node dist/bench/eval-mapping/errors.js [--data DIR] [--split dev2] [--fit-on dev] [--all]`: error analysis.
 * Per pair of the split, each missed target (wrong top-1, or right but below 0.5) with the rank of its
 * true source, and the features of the top candidates and of the true one: what to fix next. With
 * `--fit-on S` the weights are fitted on split S (plus the added pairs) first, as the cross-split does;
 * otherwise the shipped weights are used. These are the raw scores: the record-context step of
 * predict.ts (own keys, from the operations' resources) is not applied.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import {
  DEFAULT_MODEL,
  FEATURE_NAMES,
  PRIOR_MODEL,
  type ScoredCandidate,
  scorePrepared,
} from "../../generators/suggest/index.js";
import { isCorrect, loadSplit, splitIds } from "./dataset.js";
import { fitModel, prepareExamples } from "./fit.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const option = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const data = path.resolve(option("--data") ?? path.join(root, "../shared/datasets/mapping"));
const addedDir = path.join(root, "bench/eval-mapping/pairs");
const all = process.argv.includes("--all");

const short: Record<string, string> = Object.fromEntries(FEATURE_NAMES.map((n) => [n, n.slice(0, 5)]));
function line(c: ScoredCandidate, rank: number, mark: string): string {
  const feats = FEATURE_NAMES.map((n) => `${short[n]}=${c.features[n].toFixed(2)}`).join(" ");
  const src = Array.isArray(c.source) ? c.source.join("+") : c.source;
  const flags = `${c.assigned ? "A" : "-"}${c.taken ? "T" : "-"}`;
  return `    ${mark}#${rank} ${c.confidence.toFixed(3)} ${flags} m=${c.margin.toFixed(2)} sm=${c.sourceMargin.toFixed(2)} ${src} [${c.conversion}] ${feats}`;
}

const loadFrom = (split: string) =>
  split === "added" ? Object.keys(splitIds(addedDir)).flatMap((s) => loadSplit(addedDir, s)) : loadSplit(data, split);
const examples = prepareExamples(loadFrom(option("--split") ?? "dev"));
const fitOn = option("--fit-on");
const added = existsSync(path.join(addedDir, "splits.json")) && fitOn !== "added" ? loadFrom("added") : [];
const model = fitOn ? fitModel(prepareExamples([...loadFrom(fitOn), ...added]), PRIOR_MODEL) : DEFAULT_MODEL;
for (const { pair, prepared } of examples) {
  const truth = new Map(pair.ground_truth.map((g) => [g.target, g]));
  const out: string[] = [];
  for (const { target, candidates } of scorePrepared(prepared, model)) {
    const g = truth.get(target);
    if (!g || g.uncertain) continue;
    const rank = candidates.findIndex((c) => isCorrect(c.source, g));
    const top = candidates[0];
    const ok = rank === 0 && (top?.confidence ?? 0) >= 0.5;
    const falseAccept = g.sources.length === 0 && (top?.confidence ?? 0) >= 0.5;
    if (!all && (ok || (g.sources.length === 0 && !falseAccept))) continue;
    const kind = g.sources.length === 0 ? "FALSE-ACCEPT" : rank === 0 ? "LOW-CONF" : `RANK ${rank < 0 ? "none" : rank}`;
    out.push(
      `  ${kind} ${target} (${pair.target.fields.find((f) => f.path === target)?.type}) ← ${g.sources.join("+") || "-"} [${g.conversion}]`,
    );
    candidates.slice(0, 3).forEach((c, r) => {
      out.push(line(c, r, r === rank ? "*" : " "));
    });
    if (rank >= 3) out.push(line(candidates[rank] as ScoredCandidate, rank, "*"));
  }
  if (out.length > 0) console.log(`\n## ${pair.id}\n${out.join("\n")}`);
}
