import {
  applyDecisions,
  type Decision,
  type PendingDecision,
  pendingDecisions,
} from "../../generators/scaffold/index.js";
import type { Choice, Prompter } from "./prompter.js";

/** A source path the developer may type: `email`, `address.city`, `emails[0].value`. */
const SOURCE_PATH = /^[\w$]+(\.[\w$]+|\[\d+\])*$/;

export interface WalkResult {
  text: string;
  decided: number;
  /** The walk stopped early (cancelled): what was decided before is kept. */
  stopped: boolean;
}

type Answer = "accept" | "reject" | "path" | "skip" | `candidate:${number}`;

/** `cannectors review` on a terminal: one question per pending decision, in file order. */
export async function walkDecisions(text: string, prompter: Prompter): Promise<WalkResult> {
  const decisions = new Map<number, Decision>();
  const pending = pendingDecisions(text);
  let stopped = false;
  for (const [index, item] of pending.entries()) {
    const decision = await ask(item, `(${index + 1}/${pending.length}) ${headline(item)}`, prompter);
    if (decision === "cancel") {
      stopped = true;
      break;
    }
    if (decision) decisions.set(item.line, decision);
  }
  return { text: applyDecisions(text, decisions), decided: decisions.size, stopped };
}

function headline(item: PendingDecision): string {
  return item.kind === "review"
    ? `${item.target} ← ${item.expression}  (confidence ${item.confidence?.toFixed(2)})`
    : `${item.target}: no confident source`;
}

function choicesFor(item: PendingDecision): Choice<Answer>[] {
  return [
    ...(item.kind === "review"
      ? [
          { value: "accept", label: "accept", hint: item.expression },
          { value: "reject", label: "reject", hint: "leaves a todo() that check reports" },
        ]
      : []),
    ...item.candidates.map((candidate, i) => ({ value: `candidate:${i}`, label: `use ${candidate}` }) as const),
    { value: "path", label: "type a source path" },
    { value: "skip", label: "skip", hint: "decide later" },
  ] as Choice<Answer>[];
}

async function ask(
  item: PendingDecision,
  message: string,
  prompter: Prompter,
): Promise<Decision | undefined | "cancel"> {
  const answer = await prompter.select(message, choicesFor(item));
  if (answer === undefined) return "cancel";
  if (answer === "accept") return { action: "accept" };
  if (answer === "reject") return { action: "reject" };
  if (answer === "skip") return undefined;
  if (answer === "path") {
    const typed = await prompter.text(`source path for ${item.target}`, {
      placeholder: "e.g. address.city",
      validate: (value) =>
        value.trim() === "" || SOURCE_PATH.test(value.trim()) ? undefined : "a field path: name, a.b, items[0].c",
    });
    if (typed === undefined) return "cancel";
    return typed.trim() === "" ? undefined : { action: "replace", expression: `r.${typed.trim()}` };
  }
  const candidate = item.candidates[Number(answer.slice("candidate:".length))];
  return candidate === undefined ? undefined : { action: "replace", expression: candidate };
}
