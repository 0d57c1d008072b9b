import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { HttpInput, HttpOutput } from "../../runtime/artifact/index.js";
import type { Spec } from "../../runtime/contract/spec.js";
import type { JsonRecord } from "../../runtime/json/index.js";
import type { DeadLetterEntry } from "../../runtime/engine/modules.js";
import { type RunSummary, runConnector } from "../../runtime/engine/run.js";
import { openStateStore } from "../../runtime/state/index.js";
import type { LoadedArtifact } from "../../runtime/validate/index.js";
import { asArrivalOf } from "./form-body.js";
import { startKillableRun } from "./killed-run.js";
import { type Fault, gapAfter, type MockRequest } from "./mock-http.js";
import { pointedAtMocks, standInEnv, tokenPaths } from "./mock-connector.js";
import { canonical, type ExpectedRecord, expectedRecords, tally } from "./outcome.js";
import { startSourceMock } from "./source-mock.js";
import { type Arrival, startTargetMock, type Violation } from "./target-mock.js";

/** What one conformance run sets up: the source's records and the faults both sides inject. */
export interface Scenario {
  /** Records the source holds (default: three and a half pages). */
  records?: number;
  /** The page with the last records says more follow; an empty page ends the list. */
  lastPageEmpty?: boolean;
  /** Seed of the generated records (default 1): the same records on every run. */
  seed?: number;
  source?: { faults?: Fault[] };
  /** `reject`: positions in `expected` of the records the target refuses (4xx). */
  target?: { faults?: Fault[]; reject?: number[] };
  /** SIGKILL the run when it asks for this page (a page boundary), then run again on the same state. */
  crashAtPage?: number;
}

export interface MockSide {
  requests: MockRequest[];
  /** Milliseconds between request `n` and the next one: how long the connector waited to retry. */
  gapAfter(n: number): number;
}

export interface ConformanceRun {
  /** The (last) run's summary: status, counts, cursor. */
  summary: RunSummary;
  /** The records the target should get, in source order, with the source position (`seq`) of each. */
  expected: ExpectedRecord[];
  /** The records the target accepted, in arrival order. */
  received: Arrival[];
  /** Expected records found neither at the target nor in the dead-letter file. */
  lost: unknown[];
  /** Accepted records the connector should not have sent. */
  unexpected: unknown[];
  /** Accepted records beyond the first copy of each. */
  duplicates: number;
  /**
   * The documented bound on copies sent again after a crash: `settings.concurrency × batch.size`
   * (1 per request without batching) with incremental sync; without it a rerun reads everything again.
   */
  duplicateBound: number;
  /** With `crashAtPage`: records the target had accepted when the first run was killed. */
  arrivedBeforeCrash: number;
  deadLetters: DeadLetterEntry[];
  /** Requests whose body the target operation's request schema refused, with ajv's words. */
  violations: Violation[];
  source: MockSide;
  target: MockSide;
}

export interface ScenarioContext {
  artifact: LoadedArtifact;
  sourceSpec: Spec;
  targetSpec: Spec;
  pageSize: number;
}

export async function runScenario(ctx: ScenarioContext, scenario: Scenario): Promise<ConformanceRun> {
  const connector = ctx.artifact.connector;
  const input = connector.input as HttpInput;
  const output = connector.output as HttpOutput;
  let killing: Promise<void> | undefined;
  let kill: (() => Promise<void>) | undefined;
  let targetArrivals: Arrival[] | undefined;
  let arrivedBeforeCrash = 0;
  const source = await startSourceMock(ctx.sourceSpec, input, {
    records: scenario.records ?? Math.floor(ctx.pageSize * 3.5),
    seed: scenario.seed ?? 1,
    lastPageEmpty: scenario.lastPageEmpty ?? false,
    faults: scenario.source?.faults ?? [],
    tokenPaths: tokenPaths(input.auth),
    onPageRequest: async (n) => {
      if (n !== scenario.crashAtPage || !kill) return;
      // Held at the page boundary until the target has something, so the crash interrupts deliveries.
      await until(() => (targetArrivals?.length ?? 0) > 0, 5_000);
      arrivedBeforeCrash = targetArrivals?.length ?? 0;
      killing = kill();
      await killing;
    },
  });
  // A form target keeps what a form can carry (text coerced back, no nulls): the records are expected so.
  const asArrival = asArrivalOf(ctx.targetSpec, output);
  const expected = expectedRecords(connector, source.records).map((e) => ({ ...e, record: asArrival(e.record) }));
  const refused = new Set((scenario.target?.reject ?? []).map((i) => canonical(expected[i]?.record)));
  const work = mkdtempSync(path.join(tmpdir(), "cannectors-conformance-"));
  try {
    const target = await startTargetMock(ctx.targetSpec, output, {
      rejects: (record) => refused.has(canonical(record)),
      faults: scenario.target?.faults ?? [],
      tokenPaths: tokenPaths(output.auth),
    });
    targetArrivals = target.arrivals;
    try {
      const deadLetterPath = path.join(work, "dead-letter.ndjson");
      const pointed = pointedAtMocks(connector, { source: source.url, target: target.url }, deadLetterPath);
      const env = standInEnv(connector);
      const statePath = path.join(work, "state.db");
      if (scenario.crashAtPage !== undefined) {
        const first = startKillableRun(pointed, work, statePath, env);
        kill = first.kill;
        const exit = await first.exited;
        if (exit.signal !== "SIGKILL")
          throw new Error(
            `the run ended before page ${scenario.crashAtPage} (exit ${exit.code}): ${exit.stderr.trim()}`,
          );
        await killing;
      }
      const summary = await runInProcess({ ...ctx.artifact, connector: pointed }, statePath, env);
      const problems = source.problems;
      if (problems.length > 0)
        throw new Error(`the source mock could not make pages valid against the spec: ${problems.join("; ")}`);
      const deadLetters = readDeadLetters(deadLetterPath);
      const received = target.arrivals;
      const counts = tally(
        expected,
        received.map((a) => a.record),
        deadLetters.map((entry) => ({ ...entry, record: asArrival(entry.record) as JsonRecord })),
      );
      const settings = connector.settings;
      return {
        summary,
        expected,
        received,
        ...counts,
        duplicateBound: input.incremental ? settings.concurrency * (output.batch?.size ?? 1) : expected.length,
        arrivedBeforeCrash,
        deadLetters,
        violations: target.violations,
        source: side(source.requests),
        target: side(target.requests),
      };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
    rmSync(work, { recursive: true, force: true });
  }
}

async function runInProcess(
  artifact: LoadedArtifact,
  statePath: string,
  env: Record<string, string>,
): Promise<RunSummary> {
  const store = openStateStore(statePath);
  try {
    return await runConnector({ artifact, store, env, logLevel: "error" });
  } finally {
    await store.close();
  }
}

function readDeadLetters(file: string): DeadLetterEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as DeadLetterEntry);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

function side(requests: MockRequest[]): MockSide {
  return { requests, gapAfter: (n) => gapAfter(requests, n) };
}
