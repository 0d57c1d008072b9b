/**
 * One real pair through what a developer does: `generate --yes` → `review --accept-above 0.5` →
 * `check` → the open decisions filled with placeholders → `build` → a run against mocks of both specs
 * on loopback (the conformance harness: the target mock validates every body against the target
 * operation's request schema). Each CLI step is a child process with a time limit.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { connectorArtifacts } from "../../compiler/build/connector-artifacts.js";
import { runScenario } from "../../generators/conformance/scenario.js";
import { declaredPageSize } from "../../generators/conformance/source-pages.js";
import { formatDiagnostic, hasErrors } from "../../runtime/diagnostics/index.js";
import { loadSpec } from "../../runtime/contract/spec.js";
import type { Auth, HttpOutput } from "../../runtime/artifact/index.js";
import { type CheckDiagnostic, fillTodos, isDecision } from "./fill-todos.js";
import type { SweepPair } from "./pairs.js";

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../cli/main.js");

export interface PairOutcome {
  pair: SweepPair;
  /** `GET /x → POST /y`, or what stopped generate. */
  chosen: string;
  sensibleChoice: boolean;
  generate: "ok" | string;
  generateMs: number;
  /** Type and lowering errors that are not an open decision. */
  realErrors: string[];
  decisions: number;
  filled: number;
  build: "ok" | string;
  recordsRead: number;
  requestsSent: number;
  requestsAccepted: number;
  deadLetters: number;
  /** The first few reasons the target spec refused a body. */
  refusals: string[];
  run: "ok" | string;
}

export interface PairOptions {
  /** Folder the pair's spec paths are relative to. */
  specs: string;
  /** Folder of the generated project. */
  out: string;
  name: string;
  stepTimeoutMs: number;
  records: number;
  /** The built CLI (default: the one beside this file in dist/). */
  cli?: string;
}

export async function sweepPair(pair: SweepPair, options: PairOptions): Promise<PairOutcome> {
  const outcome: PairOutcome = {
    pair,
    chosen: "-",
    sensibleChoice: false,
    generate: "-",
    generateMs: 0,
    realErrors: [],
    decisions: 0,
    filled: 0,
    build: "-",
    recordsRead: 0,
    requestsSent: 0,
    requestsAccepted: 0,
    deadLetters: 0,
    refusals: [],
    run: "-",
  };
  // A data set pair's spec paths are absolute: `resolve` keeps them as they are.
  const sourceSpec = path.resolve(options.specs, pair.source);
  const targetSpec = path.resolve(options.specs, pair.target);
  const operations = [...(pair.from ? ["--from", pair.from] : []), ...(pair.to ? ["--to", pair.to] : [])];
  const generated = await cli(
    options.cli,
    [
      "generate",
      "--source",
      sourceSpec,
      "--target",
      targetSpec,
      "--name",
      options.name,
      "--out",
      options.out,
      ...operations,
      "--yes",
    ],
    options.stepTimeoutMs,
  );
  outcome.generateMs = generated.ms;
  if (generated.code !== 0) {
    outcome.generate = `exit ${generated.code}: ${firstError(generated.out)}`;
    return outcome;
  }
  outcome.generate = "ok";
  const chosen = /^(\S+ \S+) → (\S+ \S+):/m.exec(generated.out);
  if (chosen) {
    outcome.chosen = `${chosen[1]} → ${chosen[2]}`;
    outcome.sensibleChoice = pair.expect.from.test(chosen[1]!) && pair.expect.to.test(chosen[2]!);
  }
  const file = path.join(options.out, "connectors", `${options.name}.ts`);
  await cli(options.cli, ["review", file, "--accept-above", "0.5"], options.stepTimeoutMs);
  const checked = await cli(options.cli, ["check", file, "--json"], options.stepTimeoutMs);
  const diagnostics = parseDiagnostics(checked.stdout);
  if (diagnostics === undefined && checked.code !== 0) {
    outcome.realErrors = [`check exit ${checked.code}: ${firstError(checked.out)}`];
    return outcome;
  }
  const errors = (diagnostics ?? []).filter((d) => (d as { severity?: string }).severity !== "warning");
  outcome.realErrors = errors.filter((d) => !isDecision(d)).map((d) => `${d.code} ${d.message}`.slice(0, 240));
  outcome.decisions = errors.filter(isDecision).length;
  const original = readFileSync(file, "utf8");
  writeFileSync(file.replace(/\.ts$/, ".as-generated.txt"), original);
  const filled = fillTodos(original, errors);
  outcome.filled = filled.filled;
  writeFileSync(file, filled.text);
  // The build is the conformance harness's own: the artifact `cannectors build` writes, without the type check.
  try {
    await withTimeout(
      runAgainstMocks(file, sourceSpec, targetSpec, options.records, outcome, options.stepTimeoutMs),
      options.stepTimeoutMs,
    );
    outcome.run = "ok";
  } catch (error) {
    outcome.run = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 240);
  }
  return outcome;
}

async function runAgainstMocks(
  file: string,
  sourceSpec: string,
  targetSpec: string,
  records: number,
  outcome: PairOutcome,
  stepTimeoutMs: number,
): Promise<void> {
  // The loader's own 60 s limit trips on a loaded machine (a big connector imports big types files): the step's limit applies.
  const [entry] = await connectorArtifacts([file], {
    typecheck: false,
    cwd: path.dirname(file),
    loadTimeoutMs: stepTimeoutMs,
  });
  const result = entry?.result;
  if (!result?.artifact || hasErrors(result.diagnostics)) {
    outcome.build = `does not build: ${(result?.diagnostics ?? []).map((d) => formatDiagnostic(d)).join("; ")}`;
    throw new Error(outcome.build);
  }
  outcome.build = "ok";
  const artifact = result.artifact;
  const { input, output } = artifact.connector;
  if (input.type !== "http" || output.type !== "http") throw new Error("not an HTTP → HTTP connector");
  // The mocks take any credential, but an authorization-code grant needs a person to log in first: a bearer stand-in.
  const connector = {
    ...artifact.connector,
    input: { ...input, ...standInAuth(input.auth) },
    output: { ...output, ...standInAuth(output.auth) } as HttpOutput,
  };
  const run = await runScenario(
    {
      artifact: { ...artifact, connector },
      sourceSpec: loadSpec(sourceSpec),
      targetSpec: loadSpec(targetSpec),
      pageSize: declaredPageSize(input.pagination),
    },
    { records },
  );
  outcome.recordsRead = run.summary.counts?.read ?? run.expected.length;
  outcome.requestsSent = run.target.requests.length;
  outcome.requestsAccepted = run.target.requests.length - run.violations.length;
  outcome.deadLetters = run.deadLetters.length;
  outcome.refusals = [...new Set(run.violations.flatMap((v) => v.problems))].slice(0, 4);
}

function standInAuth(auth: Auth | undefined): { auth?: Auth } {
  if (auth?.type !== "oauth2AuthorizationCode") return auth ? { auth } : {};
  return { auth: { type: "bearer", token: "sweep-stand-in-token" } };
}

function parseDiagnostics(stdout: string): CheckDiagnostic[] | undefined {
  try {
    const parsed: unknown = JSON.parse(stdout);
    return Array.isArray(parsed) ? (parsed as CheckDiagnostic[]) : undefined;
  } catch {
    return undefined;
  }
}

function cli(
  at: string | undefined,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number; stdout: string; out: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [at ?? CLI, ...args],
      { maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 124) : 0;
        resolve({ code, stdout, out: `${stdout}${stderr}`, ms: performance.now() - started });
      },
    );
  });
}

function firstError(text: string): string {
  const lines = text.trim().split("\n");
  return (lines.find((l) => /error|TS\d+|CANNECTORS_E_/i.test(l)) ?? lines[lines.length - 1] ?? "").slice(0, 240);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no end in ${ms} ms`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
