import { describe, expect, it } from "vitest";
import { scoreCandidates } from "./suggest.js";

const field = (path: string) => ({ path, type: "string", required: false });

describe("words run together", () => {
  it.each([
    { source: "start.dateTime", target: "start_datetime" },
    { source: "accountName", target: "accountname" },
    { source: "order_number", target: "ordernumber" },
  ])("$target reads as the two words of $source", ({ source, target }) => {
    const [row] = scoreCandidates([field(source)], [field(target)]);
    expect(row?.candidates.find((c) => c.source === source)?.features.pathName).toBeCloseTo(1, 6);
  });

  it("keeps a curated concept whole: postcode is no post + code", () => {
    const [row] = scoreCandidates([field("post"), field("code"), field("zip")], [field("postcode")]);
    expect(row?.candidates[0]?.source).toBe("zip");
  });
});
