import { describe, expect, it } from "vitest";
import { createLogger, type LogEntry } from "../log/index.js";
import { createRedactor } from "../secrets/index.js";
import { fakeTime } from "./fake-time.test-support.js";
import { memoryFireLog } from "./fire-log.js";
import { createScheduler, type FireReason } from "./scheduler.js";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

/** A job whose runs finish only when the test says so. */
function harness(start: string, fires = memoryFireLog()) {
  const time = fakeTime(at(start));
  const logs: LogEntry[] = [];
  const logger = createLogger({ redactor: createRedactor([]), sinks: [(e) => logs.push(e)], now: time.now });
  const skips: string[] = [];
  const scheduler = createScheduler({
    now: time.now,
    setTimer: time.setTimer,
    fireLog: fires,
    logger,
    onSkip: (c) => skips.push(c),
  });
  const runs: { reason: FireReason; startedAt: string; finish: () => Promise<void> }[] = [];
  let active = 0;
  let maxActive = 0;
  const add = (expression: string, timeZone = "UTC", connector = "job") =>
    scheduler.add({
      connector,
      expression,
      timeZone,
      run: (reason) =>
        new Promise<void>((resolve) => {
          active++;
          maxActive = Math.max(maxActive, active);
          runs.push({
            reason,
            startedAt: iso(time.now()),
            finish: async () => {
              active--;
              resolve();
              // Let the scheduler's settlement handler run.
              await Promise.resolve();
              await Promise.resolve();
            },
          });
        }),
    });
  return { time, scheduler, runs, add, skips, logs, fires, maxActive: () => maxActive };
}

describe("scheduler", () => {
  it("fires at each due time exactly once", async () => {
    const h = harness("2026-01-01T00:00:30Z");
    h.add("*/1 * * * *");
    for (const minute of ["01", "02", "03"]) {
      h.time.advanceTo(at(`2026-01-01T00:${minute}:59Z`));
      await h.runs.at(-1)?.finish();
    }
    expect(h.runs.map((r) => [r.reason.kind, r.startedAt])).toEqual([
      ["schedule", "2026-01-01T00:01:00.000Z"],
      ["schedule", "2026-01-01T00:02:00.000Z"],
      ["schedule", "2026-01-01T00:03:00.000Z"],
    ]);
    expect(h.fires.entries.get("job")).toBe(at("2026-01-01T00:03:00Z"));
  });

  it("never overlaps: a tick that finds the run still going is skipped and logged", async () => {
    const h = harness("2026-01-01T00:00:30Z");
    h.add("* * * * *");
    h.time.advanceTo(at("2026-01-01T00:03:30Z"));
    expect(h.runs).toHaveLength(1);
    expect(h.skips).toEqual(["job", "job"]);
    expect(h.logs.filter((l) => l.message.startsWith("schedule tick skipped"))).toHaveLength(2);
    await h.runs[0]!.finish();
    h.time.advanceTo(at("2026-01-01T00:04:00Z"));
    expect(h.runs.map((r) => r.startedAt)).toEqual(["2026-01-01T00:01:00.000Z", "2026-01-01T00:04:00.000Z"]);
    expect(h.maxActive()).toBe(1);
  });

  it.each([
    { name: "no previous fire: nothing to catch up, a baseline is recorded", last: undefined, runs: 0 },
    { name: "last fire before the previous due time: one catch-up run", last: "2026-01-01T09:00:00Z", runs: 1 },
    { name: "many due times missed: still one catch-up run", last: "2025-12-01T09:00:00Z", runs: 1 },
    { name: "nothing missed since the last fire", last: "2026-01-01T10:00:00Z", runs: 0 },
  ])("catch-up after downtime, $name", ({ last, runs }) => {
    const fires = memoryFireLog();
    if (last) fires.recordFire("job", at(last));
    const h = harness("2026-01-01T10:30:00Z", fires);
    h.add("0 * * * *");
    expect(h.runs.length).toBe(runs);
    if (runs === 1) expect(h.runs[0]!.reason.kind).toBe("catch-up");
    expect(h.fires.entries.get("job")).toBe(at(runs === 1 || !last ? "2026-01-01T10:30:00Z" : last));
    expect(iso(h.scheduler.nextDue("job")!)).toBe("2026-01-01T11:00:00.000Z");
  });

  it("resumes the schedule after a catch-up run", async () => {
    const fires = memoryFireLog();
    fires.recordFire("job", at("2026-01-01T07:00:00Z"));
    const h = harness("2026-01-01T10:30:00Z", fires);
    h.add("0 * * * *");
    await h.runs[0]!.finish();
    h.time.advanceTo(at("2026-01-01T12:00:00Z"));
    expect(h.runs.map((r) => [r.reason.kind, r.startedAt])).toEqual([
      ["catch-up", "2026-01-01T10:30:00.000Z"],
      ["schedule", "2026-01-01T11:00:00.000Z"],
    ]);
  });

  it("follows the zone across a DST gap, once", async () => {
    const h = harness("2026-03-28T12:00:00Z");
    h.add("30 2 * * *", "Europe/Paris");
    h.time.advanceTo(at("2026-03-29T12:00:00Z"));
    await h.runs[0]?.finish();
    h.time.advanceTo(at("2026-03-30T12:00:00Z"));
    expect(h.runs.map((r) => r.startedAt)).toEqual(["2026-03-29T01:00:00.000Z", "2026-03-30T00:30:00.000Z"]);
  });

  it("re-arms a wait longer than a Node timer can hold", () => {
    const h = harness("2026-01-01T00:00:00Z");
    h.add("0 0 1 1 *");
    h.time.advanceTo(at("2026-06-01T00:00:00Z"));
    expect(h.runs).toHaveLength(0);
    h.time.advanceTo(at("2027-01-01T00:00:00Z"));
    expect(h.runs.map((r) => r.startedAt)).toEqual(["2027-01-01T00:00:00.000Z"]);
  });

  it("stops: removed jobs and a stopped scheduler fire nothing", () => {
    const h = harness("2026-01-01T00:00:00Z");
    h.add("* * * * *", "UTC", "a");
    h.add("* * * * *", "UTC", "b");
    h.scheduler.remove("a");
    h.time.advanceTo(at("2026-01-01T00:01:00Z"));
    h.scheduler.stop();
    h.time.advanceTo(at("2026-01-01T00:05:00Z"));
    expect(h.runs).toHaveLength(1);
    expect(h.time.pending()).toBe(0);
  });
});
