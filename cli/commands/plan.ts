import type { Command } from "commander";
import { renderMarkdown, renderText } from "../../generators/plan/index.js";
import { describeError } from "../../runtime/errors/index.js";
import { planVersions, UnreadableVersion } from "../plan-versions.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { TARGET_SPEC_HELP } from "../target-spec.js";
import { EXIT, failureExitCode } from "../terminal.js";

interface PlanFlags {
  fixtures?: string;
  targetSpec?: string;
  format: "text" | "json" | "markdown";
}

export function registerPlanCommand(program: Command): void {
  program
    .command("plan")
    .description("the behavioural difference between two versions of a connector (for a pull request)")
    .argument("<old>", "connector file, or a git revision and path such as HEAD~1:connectors/x.yaml")
    .argument("<new>", "connector file, or a git revision and path")
    .option("--fixtures <dir>", "replay both versions over these recorded fixtures and compare the records they send")
    .option("--target-spec <file>", `with --fixtures: ${TARGET_SPEC_HELP}`)
    .option("--format <format>", "text | json | markdown", "text")
    .addHelpText(
      "after",
      "\nExit codes: 0 behaviour unchanged, 1 changed or the target's contract refuses a payload of the new version, 2 invalid input.",
    )
    .action(async (before: string, after: string, flags: PlanFlags) => {
      process.exitCode = await planCommand(before, after, flags);
    });
}

async function planCommand(before: string, after: string, flags: PlanFlags): Promise<number> {
  try {
    const plan = await planVersions(before, after, flags.fixtures, flags.targetSpec);
    const text =
      flags.format === "json"
        ? `${JSON.stringify(plan, null, 2)}\n`
        : flags.format === "markdown"
          ? renderMarkdown(plan)
          : renderText(plan);
    process.stdout.write(text);
    return plan.changed || (plan.contract?.after ?? 0) > 0 ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (error instanceof UnreadableVersion && error.diagnostics.length > 0) reportDiagnostics(error.diagnostics);
    else process.stderr.write(`${describeError(error)}\n`);
    return failureExitCode(error);
  }
}
