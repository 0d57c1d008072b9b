/**
 * The start-up bench alone: `node dist/bench/startup/run.js [--runs 10] [--seed 7] [--compare
 * other/dist/cli/main.js]` (after `npm run build`). `--compare` times another build in the same
 * interleaved rounds, rows labelled "compared": before/after figures a busy machine cannot skew
 * apart. `npm run bench` measures the same as its start-up section.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { CLI } from "../throughput/paths.js";
import { type CliUnderTest, measureStartup } from "./measure.js";
import { formatStartup, startupVerdict } from "./report.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    seed: { type: "string", default: "7" },
    compare: { type: "string" },
  },
});
const clis: CliUnderTest[] = [{ label: "cannectors", path: CLI }];
if (values.compare) clis.push({ label: "compared", path: path.resolve(values.compare) });
const result = await measureStartup(Number(values.runs), Number(values.seed), clis);
console.log(`${formatStartup(result)}\n\n${startupVerdict(result)}`);
