/**
 * `node dist/bench/eval-mapping/errors.js [--data DIR] [--all] [--lodo]`: error analysis of the shipped
 * model (or, with --lodo, of weights refit without the pair's domain) on the dev split. Per pair, each missed target (wrong top-1, or right but below 0.5) with the rank of its
 * true source, and the features of the top candidates and of the true one: what to fix next. These are the
 * raw scores: the record-context step of predict.ts (own keys, from the operations' resources) is not applied.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  DEFAULT_MODEL,
  FEATURE_NAMES,
  type MappingModel,
  PRIOR_MODEL,
  type ScoredCandidate,
  scoreCandidates,
} from "../../generators/suggest/index.js";
import { isCorrect, loadSplit } from "./dataset.js";
import { fitModel } from "./fit.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const i = process.argv.indexOf("--data");
const data = path.resolve(i >= 0 ? (process.argv[i + 1] as string) : path.join(root, "../shared/datasets/mapping"));
const all = process.argv.includes("--all");

const short: Record<string, string> = Object.fromEntries(FEATURE_NAMES.map((n) => [n, n.slice(0, 5)]));
function line(c: ScoredCandidate, rank: number, mark: string): string {
  const feats = FEATURE_NAMES.map((n) => `${short[n]}=${c.features[n].toFixed(2)}`).join(" ");
  const src = Array.isArray(c.source) ? c.source.join("+") : c.source;
  const flags = `${c.assigned ? "A" : "-"}${c.taken ? "T" : "-"}`;
  return `    ${mark}#${rank} ${c.confidence.toFixed(3)} ${flags} m=${c.margin.toFixed(2)} sm=${c.sourceMargin.toFixed(2)} ${src} [${c.conversion}] ${feats}`;
}

const pairs = loadSplit(data, "dev");
const lodo = process.argv.includes("--lodo");
const models = new Map<string, MappingModel>();
for (const pair of pairs) {
  const model = lodo
    ? (models.get(pair.domain) ??
      fitModel(
        pairs.filter((p) => p.domain !== pair.domain),
        PRIOR_MODEL,
      ))
    : DEFAULT_MODEL;
  models.set(pair.domain, model);
  const truth = new Map(pair.ground_truth.map((g) => [g.target, g]));
  const out: string[] = [];
  for (const { target, candidates } of scoreCandidates(pair.source.fields, pair.target.fields, model)) {
    const g = truth.get(target);
    if (!g || g.uncertain) continue;
    const rank = candidates.findIndex((c) => isCorrect(c.source, g));
    const top = candidates[0];
    const ok = rank === 0 && (top?.confidence ?? 0) >= 0.5;
    const falseAccept = g.sources.length === 0 && (top?.confidence ?? 0) >= 0.5;
    if (!all && (ok || (g.sources.length === 0 && !falseAccept))) continue;
    const kind = g.sources.length === 0 ? "FALSE-ACCEPT" : rank === 0 ? "LOW-CONF" : `RANK ${rank < 0 ? "none" : rank}`;
    out.push(`  ${kind} ${target} (${pair.target.fields.find((f) => f.path === target)?.type}) ← ${g.sources.join("+") || "-"} [${g.conversion}]`);
    candidates.slice(0, 3).forEach((c, r) => {
      out.push(line(c, r, r === rank ? "*" : " "));
    });
    if (rank >= 3) out.push(line(candidates[rank] as ScoredCandidate, rank, "*"));
  }
  if (out.length > 0) console.log(`\n## ${pair.id}\n${out.join("\n")}`);
}
