import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { configChanges, type Plan, recordChanges, renderMarkdown, renderText } from "../../generators/plan/index.js";
import { hasErrors } from "../../runtime/diagnostics/index.js";
import { describeError } from "../../runtime/errors/index.js";
import { replayFixtures } from "../../runtime/fixtures/replay-run.js";
import { type LoadedArtifact, validateArtifactFile } from "../../runtime/validate/index.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { EXIT, failureExitCode } from "../terminal.js";

interface PlanFlags {
  fixtures?: string;
  format: "text" | "json" | "markdown";
}

export function registerPlanCommand(program: Command): void {
  program
    .command("plan")
    .description("the behavioural difference between two versions of a connector (for a pull request)")
    .argument("<old>", "connector file, or a git revision and path such as HEAD~1:connectors/x.yaml")
    .argument("<new>", "connector file, or a git revision and path")
    .option("--fixtures <dir>", "replay both versions over these recorded fixtures and compare the records they send")
    .option("--format <format>", "text | json | markdown", "text")
    .addHelpText("after", "\nExit codes: 0 behaviour unchanged, 1 changed, 2 invalid input.")
    .action(async (before: string, after: string, flags: PlanFlags) => {
      process.exitCode = await planCommand(before, after, flags);
    });
}

async function planCommand(before: string, after: string, flags: PlanFlags): Promise<number> {
  const work = mkdtempSync(path.join(tmpdir(), "cannectors-plan-"));
  try {
    const old = await load(before, path.join(work, "old.yaml"));
    const now = await load(after, path.join(work, "new.yaml"));
    if (typeof old === "number") return old;
    if (typeof now === "number") return now;
    const config = configChanges(old.connector, now.connector);
    let records: Plan["records"];
    if (flags.fixtures) {
      const [a, b] = [await replayFixtures(old, flags.fixtures, true), await replayFixtures(now, flags.fixtures, true)];
      records = recordChanges(
        { sent: a.sent, wrap: old.connector.output.batch?.wrap },
        { sent: b.sent, wrap: now.connector.output.batch?.wrap },
      );
    }
    const recordsChanged =
      records !== undefined &&
      (records.fields.length > 0 ||
        records.records.before !== records.records.after ||
        records.requests.before !== records.requests.after);
    const plan: Plan = {
      before,
      after,
      config,
      ...(records ? { records } : {}),
      changed: config.length > 0 || recordsChanged,
    };
    const text =
      flags.format === "json"
        ? `${JSON.stringify(plan, null, 2)}\n`
        : flags.format === "markdown"
          ? renderMarkdown(plan)
          : renderText(plan);
    process.stdout.write(text);
    return plan.changed ? EXIT.failed : EXIT.ok;
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return failureExitCode(error);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A file as it is, or `REV:path` as git has it (written to `scratch` so diagnostics name a file). */
async function load(spec: string, scratch: string): Promise<LoadedArtifact | number> {
  let file = spec;
  const revision = /^([^:]+):(.+)$/.exec(spec);
  if (!existsSync(spec) && revision) {
    try {
      writeFileSync(
        scratch,
        execFileSync("git", ["show", `${revision[1]}:${revision[2]}`], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        }),
      );
    } catch (error) {
      process.stderr.write(
        `${spec}: git cannot show it (${(error as { stderr?: string }).stderr?.trim() ?? String(error)})\n`,
      );
      return EXIT.invalid;
    }
    file = scratch;
  }
  const validation = await validateArtifactFile(file);
  if (hasErrors(validation.diagnostics) || !validation.artifact) {
    reportDiagnostics(validation.diagnostics);
    return EXIT.invalid;
  }
  return validation.artifact;
}
