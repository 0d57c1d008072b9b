import { createWriteStream } from "node:fs";
import type { Command } from "commander";
import { hasErrors } from "../../runtime/diagnostics/index.js";
import { type RunOptions, type RunSummary, runConnector } from "../../runtime/engine/run.js";
import { describeError, ErrorCodes, isCannectorsError } from "../../runtime/errors/index.js";
import { stderrSink } from "../../runtime/log/index.js";
import { openState, type StateStore, stateKeyFrom } from "../../runtime/state/index.js";
import type { ValidationResult } from "../../runtime/validate/index.js";
import { loadConnectorFiles } from "../connector-files.js";
import { contractLines } from "../contract-lines.js";
import { knownTargetSpec, TARGET_SPEC_HELP } from "../target-spec.js";
import { ENV_FILE_HELP, loadEnvironment } from "../env-file.js";
import { startRecording } from "../fixture-recording.js";
import { progressLine } from "../progress.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { resolveStatePath } from "../state-path.js";
import { EXIT, EXIT_CODES_HELP, failureExitCode, painter, useColor } from "../terminal.js";
import { loadTracing } from "../../runtime/trace/index.js";
import { packageVersion } from "../package-version.js";

interface RunFlags {
  dryRun?: boolean;
  out?: string;
  limit?: number;
  json?: boolean;
  state?: string;
  logLevel?: "debug" | "info" | "warn" | "error";
  logFormat?: "pretty" | "json";
  deadLetter?: string;
  record?: string;
  envFile?: string;
  stateKeyFile?: string;
  targetSpec?: string;
}

export function registerRunCommand(program: Command): void {
  program
    .command("run")
    .description("run a connector once: read the source, apply the filters, deliver to the target")
    .argument("<file>", "connector YAML file, or a TypeScript connector (type-checked and built in memory)")
    .option("--dry-run", "read the source and run the filters, but only print the requests that would be sent")
    .option("--out <file>", "with --dry-run: write the planned requests (NDJSON) to this file instead of stdout")
    .option("--limit <n>", "stop after reading this many source records", (v) => positiveInt(v))
    .option("--json", "print the run summary as JSON on stdout")
    .option("--state <path>", "state database (default .cannectors/state.db, or $CANNECTORS_STATE)")
    .option(
      "--dead-letter <path>",
      "dead-letter file (default from the artifact, else .cannectors/dead-letter/NAME.ndjson), or `state`: the state database (./state for a file named so)",
    )
    .option(
      "--record <dir>",
      "keep what the source and the target answered, secrets removed, as fixtures for `cannectors test`",
    )
    .option("--target-spec <file>", `with --dry-run: ${TARGET_SPEC_HELP}`)
    .option("--env-file <file>", ENV_FILE_HELP)
    .option(
      "--state-key-file <file>",
      "file holding the key of the stored OAuth2 refresh tokens (default $CANNECTORS_STATE_KEY)",
    )
    .option("--log-level <level>", "debug | info | warn | error", "info")
    .option("--log-format <format>", "pretty | json (logs go to stderr)", "pretty")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (file: string, flags: RunFlags) => {
      process.exitCode = await runCommand(file, flags);
    });
}

async function runCommand(file: string, flags: RunFlags): Promise<number> {
  // Everything is checked, secrets included, before any connection or state write.
  const loaded = loadEnvironment(flags.envFile);
  if ("problem" in loaded) {
    reportDiagnostics([loaded.problem]);
    return EXIT.invalid;
  }
  const { env } = loaded;
  if (flags.targetSpec !== undefined && !flags.dryRun) {
    process.stderr.write("--target-spec checks the payloads a dry run plans: add --dry-run\n");
    return EXIT.invalid;
  }
  // A dry run is checked against the target's contract whenever its spec is known.
  const targetSpec = flags.dryRun ? knownTargetSpec(file, flags.targetSpec) : undefined;
  const validation = oneArtifact(
    file,
    await loadConnectorFiles([file], { env, dryRun: flags.dryRun === true, ...(targetSpec ? { targetSpec } : {}) }),
  );
  if (hasErrors(validation.diagnostics) || !validation.artifact) {
    reportDiagnostics(validation.diagnostics);
    return EXIT.invalid;
  }
  const artifact = validation.artifact;
  if (artifact.connector.input.type === "webhook") {
    reportDiagnostics([
      {
        code: ErrorCodes.WEBHOOK_NEEDS_SERVE,
        severity: "error",
        message:
          "a webhook input receives its deliveries under `cannectors serve`; `cannectors run` cannot run it once",
        path: "input.type",
        location: artifact.source.locate(["input", "type"]),
      },
    ]);
    return EXIT.invalid;
  }
  let store: StateStore;
  try {
    store = await openState(resolveStatePath(flags.state));
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return failureExitCode(error);
  }
  const out = flags.dryRun && flags.out ? createWriteStream(flags.out) : undefined;
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`\n${signal}: finishing the batches in flight, then stopping (${signal} again to force)\n`);
    controller.abort(new Error(`stopped by ${signal}`));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const progress = progressLine(process.stderr, artifact.connector.metadata.name);
  const tracing = await loadTracing(env, packageVersion());
  let summary: RunSummary;
  let recording: Awaited<ReturnType<typeof startRecording>> | undefined;
  try {
    if (flags.record) recording = await startRecording(flags.record, artifact.connector.metadata.name, store);
    summary = await runConnector({
      artifact,
      store,
      env,
      ...(flags.dryRun ? { dryRun: { write: (line: string) => (out ?? process.stdout).write(`${line}\n`) } } : {}),
      ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
      ...(targetSpec ? { targetSpec } : {}),
      ...deadLetterOptions(flags.deadLetter),
      ...(recording ? { wrapClient: recording.wrap } : {}),
      ...(flags.stateKeyFile ? { stateKey: stateKeyFrom(env, flags.stateKeyFile) } : {}),
      logLevel: flags.logLevel ?? "info",
      logSinks: [
        stderrSink({
          format: flags.logFormat ?? "pretty",
          color: useColor(process.stderr),
          hideInPretty: ["connector", "execution"],
        }),
      ],
      signal: controller.signal,
      onProgress: (counts) => progress.update(counts),
      tracing,
    });
  } catch (error) {
    progress.done();
    // A state fault names its own file; other failures are the artifact's.
    const where = isCannectorsError(error, ErrorCodes.STATE) ? "" : `${file}: `;
    process.stderr.write(`${where}${describeError(error)}\n`);
    return failureExitCode(error);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await store.close().catch(() => undefined);
    await tracing?.shutdown().catch(() => undefined);
    if (out) await new Promise((resolve) => out.end(resolve));
  }
  progress.done();
  recording?.save();
  if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printSummary(summary);
  if (summary.status === "succeeded") return EXIT.ok;
  return summary.errorCode === ErrorCodes.STATE ? EXIT.state : EXIT.failed;
}

/** `run` runs one connector: a TypeScript file exporting several is an error naming them. */
function oneArtifact(file: string, entries: readonly { result: ValidationResult }[]): ValidationResult {
  if (entries.length === 1 && entries[0]) return entries[0].result;
  const names = entries.map((e) => e.result.artifact?.connector.metadata.name ?? "?");
  return {
    diagnostics: [
      {
        code: ErrorCodes.CONFIG_INVALID,
        severity: "error",
        message: `${file} exports ${entries.length} connectors (${names.join(", ")}); run takes a file with one`,
        path: "",
        location: { file, line: 1, column: 1 },
      },
    ],
  };
}

export function printSummary(summary: RunSummary): void {
  const c = painter(useColor(process.stderr));
  const status =
    summary.status === "succeeded"
      ? c.green(summary.status)
      : summary.status === "partial"
        ? c.yellow(summary.status)
        : c.red(summary.status);
  const { read, filtered, sent, failed, retries, resentOneByOne } = summary.counts;
  const lines = [
    `${c.bold(summary.connector)} ${summary.dryRun ? "(dry run) " : ""}${status} in ${(summary.durationMs / 1000).toFixed(2)}s`,
    `  read ${read}  filtered ${filtered}  ${summary.dryRun ? "planned" : "sent"} ${sent}  failed ${failed}${retries > 0 ? `  retried ${retries}` : ""}${resentOneByOne > 0 ? `  batches resent one by one ${resentOneByOne}` : ""}`,
    `  execution ${summary.executionId}${summary.cursor ? `  cursor ${summary.cursor}` : ""}`,
  ];
  if (summary.deadLetterFile) lines.push(`  dead letter: ${summary.deadLetterFile}`);
  if (summary.deadLetterState) lines.push(`  dead letter: state database ${summary.deadLetterState}`);
  if (summary.contract) lines.push(...contractLines(summary.contract));
  if (summary.error) lines.push(c.red(`  error: ${summary.error}`));
  process.stderr.write(`${lines.join("\n")}\n`);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive whole number, got ${value}`);
  return n;
}

/** `--dead-letter state` keeps dead letters in the state database; any other value is a file path. */
export function deadLetterOptions(
  flag: string | undefined,
): Partial<Pick<RunOptions, "deadLetterPath" | "deadLetters">> {
  if (flag === undefined) return {};
  return flag === DEAD_LETTERS_IN_STATE ? { deadLetters: "state" } : { deadLetterPath: flag };
}

export const DEAD_LETTERS_IN_STATE = "state";
