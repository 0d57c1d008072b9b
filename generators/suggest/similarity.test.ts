import { describe, expect, it } from "vitest";
import { jaroWinkler, overlapCoefficient, softTokenSimilarity, trigramSimilarity } from "./similarity.js";

describe("jaroWinkler", () => {
  it.each([
    { a: "martha", b: "marhta", want: 0.961 },
    { a: "dwayne", b: "duane", want: 0.84 },
    { a: "dixon", b: "dicksonx", want: 0.813 },
    { a: "abc", b: "abc", want: 1 },
    { a: "abc", b: "xyz", want: 0 },
    { a: "", b: "abc", want: 0 },
  ])("$a / $b ≈ $want", ({ a, b, want }) => expect(jaroWinkler(a, b)).toBeCloseTo(want, 2));
});

describe("trigramSimilarity", () => {
  it.each([
    { a: "postalcode", b: "postalcode", min: 1, max: 1 },
    { a: "postalcode", b: "postcode", min: 0.5, max: 0.9 },
    { a: "city", b: "amount", min: 0, max: 0.1 },
  ])("$a / $b", ({ a, b, min, max }) => {
    const s = trigramSimilarity(a, b);
    expect(s).toBeGreaterThanOrEqual(min);
    expect(s).toBeLessThanOrEqual(max);
  });
});

describe("softTokenSimilarity", () => {
  it.each([
    { a: ["postcode"], b: ["postcode"], want: 1 },
    { a: ["client", "identifier"], b: ["client", "identifier"], want: 1 },
    { a: ["client", "identifier"], b: ["identifier"], want: 2 / 3 },
    { a: ["organization"], b: ["account"], want: 0.6 },
    { a: ["city"], b: ["amount"], want: 0 },
    { a: [], b: ["amount"], want: 0 },
  ])("$a vs $b", ({ a, b, want }) => expect(softTokenSimilarity(a, b)).toBeCloseTo(want, 5));

  it("weights rare tokens more", () => {
    const weight = (t: string) => (t === "address" ? 0.1 : 1);
    expect(softTokenSimilarity(["address", "city"], ["address", "state"], weight)).toBeLessThan(
      softTokenSimilarity(["address", "city"], ["address", "state"]),
    );
  });

  it("overlapCoefficient", () => {
    expect(overlapCoefficient(new Set(["a", "b"]), new Set(["b", "c", "d"]))).toBe(0.5);
  });
});
