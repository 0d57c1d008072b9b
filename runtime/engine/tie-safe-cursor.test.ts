import { describe, expect, it } from "vitest";
import { type NextValue, TieSafeCursor, UNKNOWN_NEXT } from "./tie-safe-cursor.js";

describe("TieSafeCursor", () => {
  it.each<{ read: (string | undefined)[]; next: NextValue; want: string | undefined }>([
    { read: ["a", "b", "c"], next: "d", want: "c" },
    { read: ["a", "b", "c"], next: undefined, want: "c" },
    { read: ["a", "b", "b"], next: "b", want: "a" },
    { read: ["a", "b", "b"], next: "c", want: "b" },
    { read: ["a", "b"], next: UNKNOWN_NEXT, want: "a" },
    { read: ["a", "a"], next: "a", want: undefined },
    { read: ["a", undefined, "b", undefined], next: "b", want: "a" },
  ])("after $read with next $next commits $want", ({ read, next, want }) => {
    const ties = new TieSafeCursor();
    for (const value of read) ties.read(value);
    expect(ties.snapshot()(next)).toBe(want);
  });

  it("a snapshot keeps deciding for the batch it was taken at", () => {
    const ties = new TieSafeCursor();
    ties.read("a");
    ties.read("b");
    const decide = ties.snapshot();
    ties.read("c");
    expect(decide("b")).toBe("a");
    expect(decide("c")).toBe("b");
  });
});
