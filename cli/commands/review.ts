import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import {
  acceptAbove,
  applyDecisions,
  type Decision,
  type PendingDecision,
  pendingDecisions,
} from "../../generators/scaffold/index.js";
import { EXIT } from "../terminal.js";

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
      } else if (!flags.json && process.stdin.isTTY) {
        text = await interactive(text);
        writeFileSync(file, text);
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

async function interactive(text: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const decisions = new Map<number, Decision>();
  try {
    for (const item of pendingDecisions(text)) {
      process.stderr.write(`\n${describe(item)}\n`);
      const answer = (
        await rl.question("[a]ccept  [r]eject  [1-9] candidate  [p] type a source path  [s]kip > ")
      ).trim();
      const decision = await decide(answer, item, () => rl.question("source path (e.g. address.city) > "));
      if (decision) decisions.set(item.line, decision);
    }
  } finally {
    rl.close();
  }
  return applyDecisions(text, decisions);
}

function describe(item: PendingDecision): string {
  const head =
    item.kind === "review"
      ? `${item.target} ← ${item.expression}  (confidence ${item.confidence?.toFixed(2)})`
      : `${item.target}: no confident source`;
  return [head, ...item.candidates.map((c, i) => `  ${i + 1}. ${c}`)].join("\n");
}

async function decide(
  answer: string,
  item: PendingDecision,
  askPath: () => Promise<string>,
): Promise<Decision | undefined> {
  if (answer === "a" && item.kind === "review") return { action: "accept" };
  if (answer === "r") return { action: "reject" };
  const picked = item.candidates[Number(answer) - 1];
  if (/^\d$/.test(answer) && picked) return { action: "replace", expression: picked };
  if (answer === "p") {
    const typed = (await askPath()).trim();
    if (/^[\w$]+(\.[\w$]+|\[\d+\])*$/.test(typed)) return { action: "replace", expression: `r.${typed}` };
  }
  return undefined;
}
