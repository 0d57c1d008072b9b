import { describe, expect, it } from "vitest";
import { TokenSpace } from "./token-space.js";

function space(...fields: string[][]) {
  const s = new TokenSpace();
  const encoded = fields.map((f) => s.encode(f));
  s.freeze(encoded);
  return { s, encoded };
}

describe("TokenSpace.unmatched", () => {
  it.each([
    { name: "empty side", a: [], b: ["phone"], want: 0 },
    { name: "fully matched", a: ["address"], b: ["home", "address", "city"], want: 0 },
    { name: "nothing matched", a: ["address"], b: ["phone"], want: 1 },
    { name: "a synonym matches", a: ["client"], b: ["contact", "name"], max: 0.5 },
  ])("$name", ({ a, b, want, max }) => {
    const { s, encoded } = space(a, b, ["other"]);
    const value = s.unmatched(encoded[0] as number[], encoded[1] as number[]);
    if (want !== undefined) expect(value).toBeCloseTo(want, 6);
    if (max !== undefined) expect(value).toBeLessThan(max);
  });

  it("weighs qualifiers (home, work, secondary) lightly", () => {
    const { s, encoded } = space(["home", "address"], ["address"], ["city"]);
    const value = s.unmatched(encoded[0] as number[], encoded[1] as number[]);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(0.3);
  });
});
