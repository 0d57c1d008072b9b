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

  it("does not pass a held segment, settled or not, until it is released with its cursor", () => {
    const mark = new Watermark("c0");
    const a = mark.openHeld(undefined);
    const settleB = mark.open("c2");
    expect(a.settle()).toBe("c0");
    expect(settleB()).toBe("c0");
    expect(a.release("c1")).toBe("c2");
    const c = mark.openHeld(undefined);
    expect(c.release("c3")).toBe("c2");
    expect(c.settle()).toBe("c3");
  });
});
