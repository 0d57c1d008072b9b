/**
 * `npm run bench:types`: the type-performance fixture. Generates TypeScript types from GitHub's real
 * OpenAPI spec (the @octokit/openapi package) with `cannectors types`, then type-checks (1) the types
 * alone and (2) a connector over them with about 200 field mappings and one deliberate error, and
 * prints tsc's own figures side by side. Fails when the connector's check exceeds the budget or when
 * the deliberate error is not the one error reported.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const CHECK_BUDGET_SECONDS = 10;
const DELIBERATE_ERROR = /fixture\.ts\(\d+,\d+\): error TS2322/;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const here = path.join(root, "bench/types");
const generated = path.join(here, "generated/github.ts");
const require = createRequire(import.meta.url);

if (!existsSync(generated)) {
  const spec = require.resolve("@octokit/openapi/generated/api.github.com.json", { paths: [root] });
  mkdirSync(path.dirname(generated), { recursive: true });
  const started = performance.now();
  const cli = path.join(root, "dist/cli/main.js");
  execFileSync(process.execPath, [cli, "types", spec, "--out", generated], { stdio: "inherit" });
  console.log(`generated the GitHub types in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

interface Figures {
  checkSeconds: number;
  totalSeconds: number;
  instantiations: number;
  types: number;
  memoryKb: number;
  errors: string[];
}

function typeCheck(project: string): Figures {
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  const run = spawnSync(process.execPath, [tsc, "--noEmit", "--extendedDiagnostics", "-p", project], {
    cwd: root,
    encoding: "utf8",
  });
  const output = `${run.stdout}${run.stderr}`;
  const figure = (name: string) => Number(output.match(new RegExp(`^${name}:\\s+([\\d.]+)`, "m"))?.[1] ?? Number.NaN);
  return {
    checkSeconds: figure("Check time"),
    totalSeconds: figure("Total time"),
    instantiations: figure("Instantiations"),
    types: figure("Types"),
    memoryKb: figure("Memory used"),
    errors: output.split("\n").filter((line) => /error TS\d+/.test(line)),
  };
}

const baseline = typeCheck(path.join(here, "tsconfig.baseline.json"));
const fixture = typeCheck(path.join(here, "tsconfig.json"));
const n = (value: number, digits = 0) =>
  value.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rows: [string, string, string, string][] = [
  ["", "types alone", "with connector", "connector's share"],
  [
    "check time (s)",
    n(baseline.checkSeconds, 2),
    n(fixture.checkSeconds, 2),
    n(fixture.checkSeconds - baseline.checkSeconds, 2),
  ],
  [
    "total time (s)",
    n(baseline.totalSeconds, 2),
    n(fixture.totalSeconds, 2),
    n(fixture.totalSeconds - baseline.totalSeconds, 2),
  ],
  [
    "instantiations",
    n(baseline.instantiations),
    n(fixture.instantiations),
    n(fixture.instantiations - baseline.instantiations),
  ],
  ["types", n(baseline.types), n(fixture.types), n(fixture.types - baseline.types)],
  [
    "memory (MB)",
    n(baseline.memoryKb / 1024),
    n(fixture.memoryKb / 1024),
    n((fixture.memoryKb - baseline.memoryKb) / 1024),
  ],
];
for (const row of rows)
  console.log(
    `${row[0].padEnd(16)}${row
      .slice(1)
      .map((c) => c.padStart(18))
      .join("")}`,
  );
console.log(
  `check time ÷ budget: ${(fixture.checkSeconds / CHECK_BUDGET_SECONDS).toFixed(2)} (budget ${CHECK_BUDGET_SECONDS} s)`,
);
console.log(`errors reported: ${fixture.errors.length}`);
for (const line of fixture.errors) console.log(`  ${line}`);

const failures = [
  ...(baseline.errors.length > 0 ? [`the types alone do not type-check: ${baseline.errors[0]}`] : []),
  ...(fixture.errors.length !== 1 || !DELIBERATE_ERROR.test(fixture.errors[0] ?? "")
    ? ["expected exactly the one deliberate error (TS2322 in fixture.ts)"]
    : []),
  ...(fixture.checkSeconds < CHECK_BUDGET_SECONDS ? [] : [`check time ${fixture.checkSeconds} s is over the budget`]),
];
for (const failure of failures) console.error(`FAIL: ${failure}`);
process.exitCode = failures.length > 0 ? 1 : 0;
