import { describe, expect, it } from "vitest";
import { type ChoiceGroup, fitChoice } from "./fit-choice.js";

// Two inputs per option: [name match, noise]. The right option has the name match; every target also has
// look-alikes sharing the noise input, so only the first input tells the right source from its rivals.
function groups(count: number, withoutSource: number): ChoiceGroup[] {
  const out: ChoiceGroup[] = [];
  for (let g = 0; g < count; g++) {
    const noise = (g % 3) / 2;
    out.push({
      inputs: [
        [1, noise],
        [0, noise],
        [0.2, noise],
        [0, 1 - noise],
      ],
      labels: [1, 0, 0, 0],
    });
  }
  for (let g = 0; g < withoutSource; g++)
    out.push({
      inputs: [
        [0.2, 1],
        [0, 0],
      ],
      labels: [0, 0],
    });
  return out;
}

const probabilityOfRight = (w: readonly number[]) => {
  const z = (x: number[]) =>
    (w[0] as number) + (w[1] as number) * (x[0] as number) + (w[2] as number) * (x[1] as number);
  const options = [
    [1, 0],
    [0, 0],
    [0.2, 0],
    [0, 1],
  ].map(z);
  return Math.exp(options[0] as number) / (1 + options.reduce((s, v) => s + Math.exp(v), 0));
};

describe("fitChoice", () => {
  it("learns the input that tells the right option from its rivals, not the one they share", () => {
    const prior = [0, 0, 0];
    const w = fitChoice(groups(40, 0), prior, 1);
    expect(w[1]).toBeGreaterThan(2);
    expect(Math.abs(w[1] as number)).toBeGreaterThan(Math.abs(w[2] as number));
    expect(probabilityOfRight(w)).toBeGreaterThan(0.8);
  });

  it("targets without a source make 'no source' likelier (the intercept falls)", () => {
    const prior = [0, 0, 0];
    const some = fitChoice(groups(20, 0), prior, 1);
    const many = fitChoice(groups(20, 40), prior, 1);
    expect(many[0]).toBeLessThan(some[0] as number);
  });

  it("stays at the prior when the regularisation dominates", () => {
    const prior = [-1, 2, 0.5];
    const w = fitChoice(groups(2, 0), prior, 1e6);
    for (const [i, v] of w.entries()) expect(v).toBeCloseTo(prior[i] as number, 2);
  });
});
