import { describe, expect, it } from "vitest";
import { ResponseClasses } from "../../artifact/index.js";
import { classifyStatus, statusMatches } from "./classify.js";

describe("classifyStatus", () => {
  const defaults = ResponseClasses.parse({});
  const custom = ResponseClasses.parse({
    success: ["2xx", 409],
    retry: ["500-502"],
    rateLimited: [429, 503],
    fail: [400],
  });

  it.each([
    { status: 200, classes: defaults, want: "success" },
    { status: 204, classes: defaults, want: "success" },
    { status: 408, classes: defaults, want: "retry" },
    { status: 425, classes: defaults, want: "retry" },
    { status: 500, classes: defaults, want: "retry" },
    { status: 599, classes: defaults, want: "retry" },
    { status: 429, classes: defaults, want: "rateLimited" },
    { status: 400, classes: defaults, want: "fail" },
    { status: 404, classes: defaults, want: "fail" },
    { status: 302, classes: defaults, want: "fail" },
    { status: 409, classes: custom, want: "success" },
    { status: 502, classes: custom, want: "retry" },
    { status: 503, classes: custom, want: "rateLimited" },
    { status: 504, classes: custom, want: "fail" },
    { status: 404, classes: custom, want: "fail" },
  ] as const)("$status → $want", ({ status, classes, want }) => {
    expect(classifyStatus(status, classes)).toBe(want);
  });

  it("takes the first class in order success, retry, rateLimited, fail", () => {
    const overlapping = ResponseClasses.parse({ success: [418], retry: ["4xx"], rateLimited: ["4xx"], fail: ["4xx"] });
    expect(classifyStatus(418, overlapping)).toBe("success");
    expect(classifyStatus(429, overlapping)).toBe("retry");
  });

  it("keeps each output's answers apart: the same status under other classes is worked out again", () => {
    const own = ResponseClasses.parse({ success: ["2xx", 409] });
    expect(classifyStatus(409, defaults)).toBe("fail");
    expect(classifyStatus(409, own)).toBe("success");
    expect(classifyStatus(409, defaults)).toBe("fail");
    expect(classifyStatus(409, own)).toBe("success");
  });

  it.each([
    { status: 500, pattern: "500-599", want: true },
    { status: 499, pattern: "500-599", want: false },
    { status: 404, pattern: "4xx", want: true },
    { status: 504, pattern: "4xx", want: false },
    { status: 404, pattern: 404, want: true },
    { status: 405, pattern: 404, want: false },
  ] as const)("statusMatches($status, $pattern) = $want", ({ status, pattern, want }) => {
    expect(statusMatches(status, pattern)).toBe(want);
  });
});
