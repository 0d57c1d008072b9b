import { describe, expect, it } from "vitest";
import { measureDependent } from "./measure.js";

// One small round of the dependent-requests bench: both programs deliver every child once with its
// parent's id (measureDependent throws otherwise). No figure is asserted: speed is the bench's job.
describe("dependent-requests bench (smoke)", () => {
  it("runs the product and the baseline over 2 parent pages and checks what the sink got", async () => {
    const result = await measureDependent({ orders: 30, itemsPerOrder: 3, pageSize: 20 }, 1, 4);
    expect(result.cannectors).toHaveLength(1);
    expect(result.baseline).toHaveLength(1);
  }, 120_000);
});
