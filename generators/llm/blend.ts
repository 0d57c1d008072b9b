import type { RankedSource } from "./answer.js";
import { sourceLabel } from "./source-label.js";
import type { Candidate } from "./types.js";

/**
 * The blend rule, for every candidate the model was shown:
 *   confidence = (offline + llm) / 2
 * where llm is the model's clamped confidence, or 0 when it left the candidate out (it was asked to
 * list them all, so leaving one out is a rejection). An average, not a replacement, because the offline
 * confidences are calibrated and the model's are not: one model answer moves a suggestion at most
 * halfway. Candidates beyond the ones shown keep their offline confidence. The result is sorted by
 * confidence, ties broken by the model's order, then the offline order.
 */
export function blendRanking(
  candidates: readonly Candidate[],
  shownCount: number,
  ranking: readonly RankedSource[],
): Candidate[] {
  const byLabel = new Map(ranking.map((entry, rank) => [entry.label, { entry, rank }]));
  const blended = candidates.map((candidate, index) => {
    if (index >= shownCount)
      return { candidate: { ...candidate, reasons: [...candidate.reasons] }, rank: Infinity, index };
    const ranked = byLabel.get(sourceLabel(candidate.source));
    const llmConfidence = ranked?.entry.confidence ?? 0;
    const llmReason =
      ranked === undefined
        ? "llm: left out"
        : `llm ${llmConfidence.toFixed(2)}: ${ranked.entry.reason || "no reason given"}`;
    return {
      candidate: {
        ...candidate,
        confidence: round((candidate.confidence + llmConfidence) / 2),
        reasons: [llmReason, ...candidate.reasons],
      },
      rank: ranked?.rank ?? Infinity,
      index,
    };
  });
  blended.sort((a, b) => b.candidate.confidence - a.candidate.confidence || a.rank - b.rank || a.index - b.index);
  return blended.map((item) => item.candidate);
}

/** Four decimals: enough for ranking, and keeps regenerated files byte-identical across platforms. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
