import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignmentCost, hungarian } from "./hungarian.js";

/** Best cost by trying every injective assignment of the smaller side. */
function bruteForce(cost: number[][]): number {
  const rows = cost.length;
  const cols = cost[0]?.length ?? 0;
  if (rows > cols) return bruteForce(Array.from({ length: cols }, (_, j) => cost.map((r) => r[j] as number)));
  let best = Number.POSITIVE_INFINITY;
  const used = new Array<boolean>(cols).fill(false);
  const walk = (r: number, sum: number) => {
    if (r === rows) {
      best = Math.min(best, sum);
      return;
    }
    for (let c = 0; c < cols; c++) {
      if (used[c]) continue;
      used[c] = true;
      walk(r + 1, sum + (cost[r]?.[c] as number));
      used[c] = false;
    }
  };
  walk(0, 0);
  return best;
}

describe("hungarian", () => {
  it.each([
    { given: [[1]], want: [0] },
    {
      given: [
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ],
      want: [1, 0, 2],
    },
    { given: [[1, 2, 3]], want: [0] },
    { given: [[5], [1], [3]], want: [-1, 0, -1] },
    { given: [], want: [] },
  ])("$given", ({ given, want }) => expect(hungarian(given)).toEqual(want));

  it("matches brute force on random matrices", () => {
    const matrix = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([r, c]) =>
      fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: c, maxLength: c }), {
        minLength: r,
        maxLength: r,
      }),
    );
    fc.assert(
      fc.property(matrix, (cost) => {
        const assignment = hungarian(cost);
        const assigned = assignment.filter((c) => c >= 0);
        expect(new Set(assigned).size).toBe(assigned.length);
        expect(assigned.length).toBe(Math.min(cost.length, cost[0]?.length ?? 0));
        expect(assignmentCost(cost, assignment)).toBe(bruteForce(cost));
      }),
      { numRuns: 300 },
    );
  });
});
