import type { Choice, Prompter } from "./prompter.js";

/** A Prompter answering from a script, by label (or typed text); it records every question. */
export function scriptedPrompter(answers: (string | undefined)[]): Prompter & {
  asked: string[];
  offered: string[][];
  hints: (string | undefined)[][];
} {
  const queue = [...answers];
  const asked: string[] = [];
  const offered: string[][] = [];
  const hints: (string | undefined)[][] = [];
  const pick = async <V extends string>(message: string, choices: Choice<V>[]): Promise<V | undefined> => {
    asked.push(message);
    offered.push(choices.map((c) => c.label));
    hints.push(choices.map((c) => c.hint));
    const answer = queue.shift();
    if (answer === undefined) return undefined;
    const found = choices.find((c) => c.label === answer);
    if (!found) throw new Error(`no choice "${answer}" for "${message}": ${choices.map((c) => c.label).join(" | ")}`);
    return found.value;
  };
  return {
    asked,
    offered,
    hints,
    select: pick,
    search: pick,
    async text(message, options) {
      asked.push(message);
      const answer = queue.shift();
      if (answer !== undefined && options?.validate?.(answer)) throw new Error(`invalid: ${options.validate(answer)}`);
      return answer;
    },
    info() {},
  };
}
