import { describe, expect, it } from "vitest";
import { Watermark } from "./watermark.js";

describe("Watermark", () => {
  it("advances only over a settled prefix, whatever order segments settle in", () => {
    const mark = new Watermark("c0");
    const settleA = mark.open("c1");
    const settleB = mark.open("c2");
    const settleC = mark.open(undefined);
    const settleD = mark.open("c4");
    expect(settleC()).toBe("c0");
    expect(settleB()).toBe("c0");
    expect(settleA()).toBe("c2");
    expect(mark.pending).toBe(1);
    expect(settleD()).toBe("c4");
    expect(mark.committed).toBe("c4");
    expect(mark.pending).toBe(0);
  });

  it("keeps the initial cursor when nothing settles", () => {
    const mark = new Watermark(undefined);
    mark.open("x");
    expect(mark.committed).toBeUndefined();
  });
});
