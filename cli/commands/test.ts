import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { hasErrors } from "../../runtime/diagnostics/index.js";
import { describeError } from "../../runtime/errors/index.js";
import { compareRequests } from "../../runtime/fixtures/compare.js";
import { FIXTURE_FILES } from "../../runtime/fixtures/files.js";
import { byText, sentRequest } from "../../runtime/fixtures/recording-client.js";
import { replayFixtures } from "../../runtime/fixtures/replay-run.js";
import { readFixtureLines } from "../../runtime/fixtures/replaying-client.js";
import { allDiagnostics, loadConnectorFiles } from "../connector-files.js";
import { knownTargetSpec, TARGET_SPEC_HELP } from "../target-spec.js";
import { contractLines } from "../contract-lines.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { EXIT, failureExitCode } from "../terminal.js";

interface TestFlags {
  fixtures: string;
  targetSpec?: string;
  update?: boolean;
  json?: boolean;
}

export function registerTestCommand(program: Command): void {
  program
    .command("test")
    .description("replay recorded fixtures (run --record) with no network and compare the requests the connector sends")
    .argument("<connector>", "connector YAML file, or a TypeScript connector (built in memory)")
    .requiredOption("--fixtures <dir>", "a folder written by `cannectors run --record`")
    .option("--target-spec <file>", TARGET_SPEC_HELP)
    .option("--update", `write what this version sends as the expected ${FIXTURE_FILES.requests}`)
    .option("--json", "print the result as JSON on stdout")
    .addHelpText(
      "after",
      "\nExit codes: 0 the requests are the expected ones, 1 they differ, the target's contract refuses one (or the run failed), 2 invalid input.",
    )
    .action(async (file: string, flags: TestFlags) => {
      process.exitCode = await testCommand(file, flags);
    });
}

async function testCommand(file: string, flags: TestFlags): Promise<number> {
  const targetSpec = knownTargetSpec(file, flags.targetSpec);
  const entries = await loadConnectorFiles([file], targetSpec ? { targetSpec } : {});
  const validation = entries.length === 1 && entries[0] ? entries[0].result : { diagnostics: allDiagnostics(entries) };
  if (hasErrors(validation.diagnostics) || !validation.artifact) {
    if (entries.length > 1)
      process.stderr.write(`${file} exports ${entries.length} connectors; test takes a file with one\n`);
    reportDiagnostics(validation.diagnostics);
    return EXIT.invalid;
  }
  try {
    const { summary, sent } = await replayFixtures(validation.artifact, flags.fixtures, false, targetSpec);
    if (flags.update) {
      const lines = sent
        .map(sentRequest)
        .sort(byText)
        .map((r) => `${JSON.stringify(r)}\n`);
      writeFileSync(path.join(flags.fixtures, FIXTURE_FILES.requests), lines.join(""));
    }
    const expected = readFixtureLines(flags.fixtures, FIXTURE_FILES.requests);
    const difference = compareRequests(expected, sent);
    const same = difference.missing.length === 0 && difference.unexpected.length === 0;
    const violations = summary.contract?.count ?? 0;
    const ok = same && summary.error === undefined && violations === 0;
    if (flags.json) process.stdout.write(`${JSON.stringify({ ok, summary, ...difference })}\n`);
    else {
      report(summary.error, sent.length, difference);
      if (summary.contract)
        (violations > 0 ? process.stdout : process.stderr).write(`${contractLines(summary.contract, 20).join("\n")}\n`);
    }
    return ok ? EXIT.ok : EXIT.failed;
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return failureExitCode(error);
  }
}

function report(error: string | undefined, sent: number, difference: ReturnType<typeof compareRequests>): void {
  if (error) process.stderr.write(`the run failed: ${error}\n`);
  if (difference.missing.length === 0 && difference.unexpected.length === 0) {
    process.stderr.write(`${sent} request${sent === 1 ? "" : "s"}, as expected\n`);
    return;
  }
  const lines = [
    `the requests differ from the expected ones (${difference.missing.length} missing, ${difference.unexpected.length} unexpected):`,
    ...difference.missing.map((line) => `- ${line}`),
    ...difference.unexpected.map((line) => `+ ${line}`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
