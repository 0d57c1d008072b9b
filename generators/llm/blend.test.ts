import { describe, expect, it } from "vitest";
import type { RankedSource } from "./answer.js";
import { blendRanking } from "./blend.js";
import type { Candidate } from "./types.js";

const candidate = (source: string, confidence: number): Candidate => ({
  source,
  confidence,
  reasons: ["offline"],
  conversion: source,
});
const ranked = (label: string, confidence: number, reason = "r"): RankedSource => ({ label, confidence, reason });

describe("blendRanking", () => {
  const cases: {
    name: string;
    candidates: Candidate[];
    shown: number;
    ranking: RankedSource[];
    want: [string, number][];
  }[] = [
    {
      name: "averages offline and model confidences and re-sorts",
      candidates: [candidate("a", 0.8), candidate("b", 0.6)],
      shown: 2,
      ranking: [ranked("b", 1), ranked("a", 0.2)],
      want: [
        ["b", 0.8],
        ["a", 0.5],
      ],
    },
    {
      name: "counts a shown candidate the model left out as 0",
      candidates: [candidate("a", 0.8), candidate("b", 0.6)],
      shown: 2,
      ranking: [ranked("b", 0.6)],
      want: [
        ["b", 0.6],
        ["a", 0.4],
      ],
    },
    {
      name: "leaves candidates beyond the shown ones at their offline confidence",
      candidates: [candidate("a", 0.8), candidate("b", 0.6), candidate("c", 0.5)],
      shown: 2,
      ranking: [ranked("a", 0), ranked("b", 0)],
      want: [
        ["c", 0.5],
        ["a", 0.4],
        ["b", 0.3],
      ],
    },
    {
      name: "breaks ties by the model's order",
      candidates: [candidate("a", 0.6), candidate("b", 0.4)],
      shown: 2,
      ranking: [ranked("b", 0.8), ranked("a", 0.6)],
      want: [
        ["b", 0.6],
        ["a", 0.6],
      ],
    },
  ];
  it.each(cases)("$name", ({ candidates, shown, ranking, want }) => {
    expect(blendRanking(candidates, shown, ranking).map((c) => [c.source, c.confidence])).toEqual(want);
  });

  it("puts the model's reason first and keeps the offline ones and the conversion", () => {
    const [first, second] = blendRanking([candidate("a", 0.5), candidate("b", 0.4)], 2, [
      ranked("a", 0.9, "same thing"),
    ]);
    expect(first).toEqual({
      source: "a",
      confidence: 0.7,
      reasons: ["llm 0.90: same thing", "offline"],
      conversion: "a",
    });
    expect(second?.reasons).toEqual(["llm: left out", "offline"]);
  });

  it("does not modify the offline candidates", () => {
    const offline = [candidate("a", 0.5)];
    blendRanking(offline, 1, [ranked("a", 1)]);
    expect(offline).toEqual([candidate("a", 0.5)]);
  });
});
