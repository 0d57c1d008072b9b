import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./retry-after.js";

const NOW = Date.parse("2024-05-01T10:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    { given: undefined, want: undefined },
    { given: "0", want: 0 },
    { given: "120", want: 120_000 },
    { given: " 5 ", want: 5000 },
    { given: "99999999999", want: 99_999_999_999_000 },
    { given: "Wed, 01 May 2024 10:00:07 GMT", want: 7000 },
    { given: "Wednesday, 01-May-24 10:00:30 GMT", want: 30_000 },
    // asctime has no zone: it is GMT, whatever the machine's time zone.
    { given: "Wed May  1 10:01:00 2024", want: 60_000 },
    { given: "Tue, 30 Apr 2024 10:00:00 GMT", want: 0 },
    { given: "", want: undefined },
    { given: "soon", want: undefined },
    { given: "-5", want: undefined },
    { given: "1.5", want: undefined },
    { given: "2024-05-01T10:00:07Z", want: undefined },
    { given: "Wed, 01 May 2024 10:00:07 CEST", want: undefined },
    { given: "Fri, 31 Feb 2024 10:00:07 GMT", want: undefined },
    { given: "Wed, 01 May 2024 25:00:07 GMT", want: undefined },
  ])("$given → $want", ({ given, want }) => {
    expect(parseRetryAfter(given, NOW)).toBe(want);
  });
});
