import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { acceptAbove, pendingDecisions } from "../../generators/scaffold/index.js";
import { EXIT } from "../terminal.js";
import { clackPrompter } from "./prompter.js";
import { walkDecisions } from "./review-walk.js";

interface ReviewFlags {
  acceptAbove?: number;
  json?: boolean;
}

export function registerReviewCommand(program: Command): void {
  program
    .command("review")
    .description("walk the pending mapping suggestions of a generated connector: accept, reject, or pick another")
    .argument("<file>", "connector TypeScript file written by cannectors generate")
    .option("--accept-above <confidence>", "accept every proposal at or above this confidence, without asking", Number)
    .option("--json", "print the pending decisions as JSON (after --accept-above, if given)")
    .action(async (file: string, flags: ReviewFlags) => {
      let text = readFileSync(file, "utf8");
      if (flags.acceptAbove !== undefined) {
        const result = acceptAbove(text, flags.acceptAbove);
        text = result.text;
        writeFileSync(file, text);
        if (!flags.json)
          process.stderr.write(`${file}: accepted ${result.accepted} suggestion(s) at ≥ ${flags.acceptAbove}\n`);
      } else if (!flags.json && process.stdin.isTTY && pendingDecisions(text).length > 0) {
        const walked = await walkDecisions(text, await clackPrompter());
        text = walked.text;
        // Decisions taken before a Ctrl-C are kept: the walk resumes where it stopped next time.
        writeFileSync(file, text);
        process.stderr.write(
          `${file}: ${walked.decided} decision(s) written${walked.stopped ? " (stopped early)" : ""}\n`,
        );
      }
      const pending = pendingDecisions(text);
      if (flags.json) process.stdout.write(`${JSON.stringify(pending, null, 2)}\n`);
      else
        process.stderr.write(
          `${file}: ${pending.length} decision(s) pending${pending.length ? `: ${pending.map((p) => p.target).join(", ")}` : ""}\n`,
        );
      process.exitCode = EXIT.ok;
    });
}
