import { describe, expect, it } from "vitest";
import { nextFire } from "./next-fire.js";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function fires(expression: string, timeZone: string, from: string, count: number): string[] {
  const out: string[] = [];
  let cursor = at(from);
  for (let i = 0; i < count; i++) {
    cursor = nextFire(expression, timeZone, cursor);
    out.push(iso(cursor));
  }
  return out;
}

// Paris: 2026-03-29 02:00 CET → 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST → 02:00 CET (01:00Z).
// New York: 2026-03-08 02:00 EST → 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT → 01:00 EST (06:00Z).
const cases: { name: string; expression: string; zone: string; from: string; expected: string[] }[] = [
  {
    name: "UTC, every 15 minutes",
    expression: "*/15 * * * *",
    zone: "UTC",
    from: "2026-01-01T00:07:00Z",
    expected: ["2026-01-01T00:15:00.000Z", "2026-01-01T00:30:00.000Z", "2026-01-01T00:45:00.000Z"],
  },
  {
    name: "6 fields: every second",
    expression: "* * * * * *",
    zone: "UTC",
    from: "2026-01-01T00:00:00.400Z",
    expected: ["2026-01-01T00:00:01.000Z", "2026-01-01T00:00:02.000Z"],
  },
  {
    name: "Paris, daily 09:00 in winter then summer time",
    expression: "0 9 * * *",
    zone: "Europe/Paris",
    from: "2026-03-28T00:00:00Z",
    expected: ["2026-03-28T08:00:00.000Z", "2026-03-29T07:00:00.000Z"],
  },
  {
    name: "Paris spring forward: 02:30 is in the gap, fires once at 03:00 CEST",
    expression: "30 2 * * *",
    zone: "Europe/Paris",
    from: "2026-03-28T12:00:00Z",
    expected: ["2026-03-29T01:00:00.000Z", "2026-03-30T00:30:00.000Z"],
  },
  {
    name: "Paris spring forward: every 15 minutes, the gap's four times collapse into one fire",
    expression: "*/15 * * * *",
    zone: "Europe/Paris",
    from: "2026-03-29T00:40:00Z",
    expected: ["2026-03-29T00:45:00.000Z", "2026-03-29T01:00:00.000Z", "2026-03-29T01:15:00.000Z"],
  },
  {
    name: "Paris fall back: 02:30 happens twice, fires at the first only",
    expression: "30 2 * * *",
    zone: "Europe/Paris",
    from: "2026-10-24T12:00:00Z",
    expected: ["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"],
  },
  {
    name: "Paris fall back: hourly skips the repeated 02:00",
    expression: "0 * * * *",
    zone: "Europe/Paris",
    from: "2026-10-24T23:30:00Z",
    expected: ["2026-10-25T00:00:00.000Z", "2026-10-25T02:00:00.000Z", "2026-10-25T03:00:00.000Z"],
  },
  {
    name: "Paris fall back: started inside the second pass, waits for 03:00",
    expression: "*/30 * * * *",
    zone: "Europe/Paris",
    from: "2026-10-25T01:10:00Z",
    expected: ["2026-10-25T02:00:00.000Z", "2026-10-25T02:30:00.000Z"],
  },
  {
    name: "New York spring forward: 02:00 and 02:30 fire once at 03:00 EDT",
    expression: "0,30 2 * * *",
    zone: "America/New_York",
    from: "2026-03-07T12:00:00Z",
    expected: ["2026-03-08T07:00:00.000Z", "2026-03-09T06:00:00.000Z", "2026-03-09T06:30:00.000Z"],
  },
  {
    name: "New York fall back: 01:30 happens twice, fires at the EDT one",
    expression: "30 1 * * *",
    zone: "America/New_York",
    from: "2026-10-31T12:00:00Z",
    expected: ["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"],
  },
  {
    name: "New York, weekdays at 08:00 across the fall back",
    expression: "0 8 * * 1-5",
    zone: "America/New_York",
    from: "2026-10-30T00:00:00Z",
    expected: ["2026-10-30T12:00:00.000Z", "2026-11-02T13:00:00.000Z"],
  },
];

describe("nextFire", () => {
  it.each(cases)("$name", ({ expression, zone, from, expected }) => {
    expect(fires(expression, zone, from, expected.length)).toEqual(expected);
  });

  it("is strictly after the given instant, even exactly on a due time", () => {
    expect(iso(nextFire("0 * * * *", "UTC", at("2026-01-01T05:00:00Z")))).toBe("2026-01-01T06:00:00.000Z");
  });
});
