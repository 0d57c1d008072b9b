/**
 * Wall-clock arithmetic for one IANA zone, through Intl only: a "wall time" is the local date and
 * time written as if it were UTC (epoch milliseconds), which lets cron-parser iterate local times
 * in UTC, where no hour is skipped or repeated.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The local wall time of an instant, as fake-UTC epoch milliseconds. */
export function wallTime(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!, ms);
}

/** UTC offset (wall − instant) in milliseconds. */
export function offsetAt(instant: number, timeZone: string): number {
  return wallTime(instant, timeZone) - instant;
}

const DAY = 86_400_000;

/**
 * Every instant whose wall time is `wall`, earliest first: one normally, two in a fall-back
 * repeat, none in a spring-forward gap. Transitions are months apart, so the offsets a day either
 * side are the only two candidates.
 */
export function instantsOf(wall: number, timeZone: string): number[] {
  const offsets = new Set([offsetAt(wall - DAY, timeZone), offsetAt(wall + DAY, timeZone)]);
  const found = [...offsets].map((offset) => wall - offset).filter((t) => wallTime(t, timeZone) === wall);
  return [...new Set(found)].sort((a, b) => a - b);
}

/** For a wall time inside a spring-forward gap: the instant the gap ends (the first valid one after). */
export function gapEnd(wall: number, timeZone: string): number {
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  // The transition lies between reading `wall` with the new offset and with the old one.
  let low = wall - after;
  let high = wall - before;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(mid, timeZone) === after) high = mid;
    else low = mid;
  }
  return high;
}
