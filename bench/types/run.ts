/**
 * `npm run bench:types`: the type-performance fixture. Generates TypeScript types from GitHub's real
 * OpenAPI spec (the @octokit/openapi package) with `cannectors types`, type-checks a connector with
 * about 200 field mappings and one deliberate error, and prints tsc's own figures. Fails when the
 * check takes longer than the budget or when the deliberate error is not reported.
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
const spec = require.resolve("@octokit/openapi/generated/api.github.com.json", { paths: [root] });

if (!existsSync(generated)) {
  mkdirSync(path.dirname(generated), { recursive: true });
  const started = performance.now();
  execFileSync(process.execPath, [path.join(root, "dist/cli/main.js"), "types", spec, "--out", generated], {
    stdio: "inherit",
  });
  console.log(`generated ${path.relative(root, generated)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
const run = spawnSync(process.execPath, [tsc, "--noEmit", "--extendedDiagnostics", "-p", path.join(here, "tsconfig.json")], {
  cwd: root,
  encoding: "utf8",
});
const output = `${run.stdout}${run.stderr}`;
const figure = (name: string) => output.match(new RegExp(`^${name}:\\s+([\\d.]+)`, "m"))?.[1];
const checkSeconds = Number(figure("Check time"));
const rows = [
  ["types file", `${(Number(figure("Lines of TypeScript")) || 0).toLocaleString("en")} lines of TypeScript in the program`],
  ["check time", `${checkSeconds.toFixed(2)} s (budget ${CHECK_BUDGET_SECONDS} s, ratio ${(checkSeconds / CHECK_BUDGET_SECONDS).toFixed(2)})`],
  ["total time", `${figure("Total time")} s`],
  ["instantiations", Number(figure("Instantiations")).toLocaleString("en")],
  ["types", Number(figure("Types")).toLocaleString("en")],
  ["memory used", figure("Memory used") ? `${figure("Memory used")} K` : "?"],
];
for (const [name, value] of rows) console.log(`${name!.padEnd(16)} ${value}`);

const errors = output.split("\n").filter((line) => /error TS\d+/.test(line));
console.log(`errors reported  ${errors.length}`);
for (const line of errors) console.log(`  ${line}`);
let failed = false;
if (!errors.some((line) => DELIBERATE_ERROR.test(line)) || errors.length !== 1) {
  console.error("FAIL: expected exactly the one deliberate error (TS2322 in fixture.ts)");
  failed = true;
}
if (!(checkSeconds < CHECK_BUDGET_SECONDS)) {
  console.error(`FAIL: check time ${checkSeconds} s is over the ${CHECK_BUDGET_SECONDS} s budget`);
  failed = true;
}
process.exitCode = failed ? 1 : 0;
