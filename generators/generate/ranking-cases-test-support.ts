/** Table-driven ranking tests: a few operations of a real spec pair, and the pair a reviewer would pick. */
import { expect } from "vitest";
import { label } from "./endpoint-lists.js";
import { rankPairs } from "./rank-pairs.js";
import { type OperationSketch, sketchSpec } from "./ranking-test-support.js";

export interface RankingCase {
  name: string;
  sources: OperationSketch[];
  targets: OperationSketch[];
  want: string;
  /** A reason `generate --list` must show for a losing pair. */
  note?: { pair: string; says: string };
}

export function expectRanking({ sources, targets, want, note }: RankingCase): void {
  const ranked = rankPairs(sketchSpec("source", sources), sketchSpec("target", targets));
  const labels = ranked.map((p) => `${label(p.source.operation)} → ${label(p.target.operation)}`);
  expect(labels[0]).toBe(want);
  if (note) {
    const losing = ranked.find((_, i) => labels[i] === note.pair);
    expect(losing?.notes.join("; ")).toContain(note.says);
  }
}
