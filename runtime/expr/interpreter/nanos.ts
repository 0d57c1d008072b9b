/**
 * cel-js timestamps are JavaScript Dates (milliseconds). CEL's are nanoseconds: the part below the
 * millisecond (0–999,999 ns) is kept beside each Date the interpreter makes, in a WeakMap, and
 * every operation that reads or makes a timestamp (interpreter/timestamps.ts) takes it into
 * account. A Date without an entry has none (a whole number of milliseconds).
 */
const subMillis = new WeakMap<Date, number>();

export function nanosOf(time: Date): number {
  return subMillis.get(time) ?? 0;
}

/** Nanoseconds since the epoch, exactly. */
export function epochNanos(time: Date): bigint {
  return BigInt(time.getTime()) * 1_000_000n + BigInt(nanosOf(time));
}

export function fromEpochNanos(nanos: bigint): Date {
  let millis = nanos / 1_000_000n;
  let rest = nanos % 1_000_000n;
  if (rest < 0n) {
    millis -= 1n;
    rest += 1_000_000n;
  }
  return withNanos(new Date(Number(millis)), Number(rest));
}

export function withNanos(time: Date, nanos: number): Date {
  if (nanos !== 0) subMillis.set(time, nanos);
  return time;
}

/** The digits after the milliseconds in an RFC 3339 text (`.123456789Z` → 456789), as nanoseconds. */
export function subMillisOf(text: string): number {
  const fraction = /\.(\d+)/.exec(text.slice(19))?.[1];
  if (fraction === undefined || fraction.length <= 3) return 0;
  return Number(fraction.slice(3, 9).padEnd(6, "0"));
}

/** ISO-8601 UTC with as many fraction digits as the value needs: 3, 6 or 9. */
export function isoString(time: Date): string {
  const nanos = nanosOf(time);
  const iso = time.toISOString();
  if (nanos === 0) return iso;
  const digits = String(nanos).padStart(6, "0").replace(/000$/, "");
  return `${iso.slice(0, -1)}${digits}Z`;
}
