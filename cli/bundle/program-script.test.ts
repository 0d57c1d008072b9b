import { describe, expect, it } from "vitest";
import { cacheFileFor } from "./program-script.js";

describe("the program script's code cache file", () => {
  it("is one per set of V8-relevant options: Node's own profiling and preload options do not change it", () => {
    const bin = cacheFileFor("/p.js", ["--max-semi-space-size=4"]);
    expect(cacheFileFor("/p.js", ["--max-semi-space-size=4", "--cpu-prof", "--cpu-prof-dir=/tmp/x"])).toBe(bin);
    expect(cacheFileFor("/p.js", ["--import", "file:///x.mjs", "--max-semi-space-size=4"])).not.toBe(bin);
    expect(cacheFileFor("/p.js", ["--import=file:///x.mjs", "--max-semi-space-size=4"])).toBe(bin);
    expect(cacheFileFor("/p.js", [])).not.toBe(bin);
    expect(cacheFileFor("/p.js", ["--max-semi-space-size=8"])).not.toBe(bin);
  });
});
