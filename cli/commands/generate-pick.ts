import type { EndpointPair, PairChoices } from "../../generators/generate/index.js";
import { label } from "../../generators/generate/index.js";
import type { Choice, Prompter } from "./prompter.js";

const OWN_CHOICE = "own";

/**
 * `cannectors generate` on a terminal: the best-ranked pairs first, or any source and target
 * operation of the two specs (searchable: GitHub's spec has a thousand). Undefined when cancelled.
 */
export async function pickPair(
  ranked: (EndpointPair & { score?: number })[],
  all: PairChoices,
  prompter: Prompter,
): Promise<EndpointPair | undefined> {
  const shown = ranked.slice(0, 9);
  const choices: Choice<string>[] = [
    ...shown.map((p, i) => ({
      value: String(i),
      label: `${label(p.source.operation)} → ${label(p.target.operation)}`,
      // The list is ordered by score (fit, breadth and operation shape), so that is what the hint shows.
      hint: p.score === undefined ? `fit ${p.fit.toFixed(2)}` : `score ${p.score.toFixed(2)}, ${p.strong} fields`,
    })),
    { value: OWN_CHOICE, label: "choose the source and target operations myself" },
  ];
  const picked = await prompter.select("which operations should the connector join?", choices);
  if (picked === undefined) return undefined;
  if (picked !== OWN_CHOICE) return shown[Number(picked)];
  const sourceIndex = await prompter.search(
    "source: the list operation to read records from",
    all.sources.map((s, i) => ({
      value: String(i),
      label: label(s.operation),
      hint: s.records ? `records: ${s.records}` : "body is the list",
    })),
  );
  if (sourceIndex === undefined) return undefined;
  const targetIndex = await prompter.search(
    "target: the operation each record is sent to",
    all.targets.map((t, i) => ({
      value: String(i),
      label: label(t.operation),
      ...(t.wrap ? { hint: `batch in ${t.wrap}` } : {}),
    })),
  );
  if (targetIndex === undefined) return undefined;
  return all.pair(all.sources[Number(sourceIndex)]!, all.targets[Number(targetIndex)]!);
}
