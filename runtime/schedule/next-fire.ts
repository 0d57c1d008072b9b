import { CronExpressionParser } from "cron-parser";
import { gapEnd, instantsOf, wallTime } from "./wall-clock.js";

/** A year of every-second ticks inside a repeated hour is 3,600 candidates; this bound is never reached otherwise. */
const MAX_CANDIDATES = 100_000;

/**
 * The first instant strictly after `after` (epoch ms) at which `expression` is due in `timeZone`.
 *
 * The expression is matched against local wall time, and each local wall time fires at most once:
 * - a wall time inside a spring-forward gap (02:30 on a day that jumps 02:00 → 03:00) fires once,
 *   at the end of the gap (03:00); several such times collapse into that single fire;
 * - a wall time that occurs twice in a fall-back repeat fires once, at its first occurrence.
 */
export function nextFire(expression: string, timeZone: string, after: number): number {
  // cron-parser in UTC iterates wall times without DST; the zone is applied below, explicitly.
  const candidates = CronExpressionParser.parse(expression, {
    tz: "UTC",
    currentDate: new Date(wallTime(after, timeZone)),
    strict: false,
  });
  for (let i = 0; i < MAX_CANDIDATES; i++) {
    const wall = candidates.next().getTime();
    const instants = instantsOf(wall, timeZone);
    const instant = instants.length === 0 ? gapEnd(wall, timeZone) : instants[0]!;
    // In the second pass of a repeated hour, wall times ahead of `after` first occurred before it.
    if (instant > after) return instant;
  }
  throw new Error(`no fire time for ${JSON.stringify(expression)} after ${new Date(after).toISOString()}`);
}
