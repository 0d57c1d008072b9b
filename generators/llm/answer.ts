import * as z from "zod";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import { oneLine } from "./prompt.js";
import { sourceLabel } from "./source-label.js";

export const MAX_REASON_LENGTH = 120;

const answerSchema = z.object({
  ranking: z.array(
    z.object({
      source: z.union([z.string(), z.array(z.string()).min(1)]),
      confidence: z.number(),
      reason: z.string().optional(),
    }),
  ),
});

export interface RankedSource {
  /** The candidate's source label (see sourceLabel). */
  label: string;
  /** Clamped to [0, 1]. */
  confidence: number;
  /** One line, at most MAX_REASON_LENGTH characters; may be empty. */
  reason: string;
}

export interface ValidatedAnswer {
  ranking: RankedSource[];
  /** Sources the model named that were not offered: an LLM must not invent fields. */
  invented: string[];
}

/**
 * Checks the model's text against the expected shape and keeps only the candidates it was shown,
 * once each. An answer naming none of them is as useless as a malformed one, so it fails too.
 */
export function validateAnswer(content: string, allowedLabels: ReadonlySet<string>): ValidatedAnswer {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (cause) {
    throw new CannectorsError(ErrorCodes.LLM_ANSWER, "the model's answer is not valid JSON", { cause });
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined ? "" : ` at ${first.path.join(".") || "(root)"}: ${first.message}`;
    throw new CannectorsError(ErrorCodes.LLM_ANSWER, `the model's answer does not match {ranking: [...]}${where}`);
  }
  const ranking: RankedSource[] = [];
  const invented: string[] = [];
  const seen = new Set<string>();
  for (const entry of parsed.data.ranking) {
    const label = sourceLabel(entry.source);
    if (!allowedLabels.has(label)) {
      invented.push(label);
      continue;
    }
    if (seen.has(label)) continue;
    seen.add(label);
    ranking.push({
      label,
      confidence: clamp01(entry.confidence),
      reason: oneLine(entry.reason ?? "", MAX_REASON_LENGTH),
    });
  }
  if (ranking.length === 0) {
    throw new CannectorsError(ErrorCodes.LLM_ANSWER, "the model's answer names none of the offered candidates", {
      details: { invented },
    });
  }
  return { ranking, invented };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
