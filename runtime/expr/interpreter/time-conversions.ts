import type { Environment } from "@marcbachmann/cel-js";
import type { Duration } from "@marcbachmann/cel-js/evaluator";
import { epochNanos, nanosOf } from "./nanos.js";

const TS = "google.protobuf.Timestamp";
const DUR = "google.protobuf.Duration";

/** RFC 3339 as CEL prints a timestamp: no fraction when whole seconds, else 3, 6 or 9 digits. */
function timestampText(time: Date): string {
  const iso = time.toISOString();
  const nanos = BigInt(time.getUTCMilliseconds()) * 1_000_000n + BigInt(nanosOf(time));
  if (nanos === 0n) return `${iso.slice(0, 19)}Z`;
  const digits = String(nanos)
    .padStart(9, "0")
    .replace(/(000)+$/, "");
  return `${iso.slice(0, 19)}.${digits}Z`;
}

/** CEL's duration text: seconds with up to 9 decimals, `1.5s`, `-0.000000001s`. */
function durationText(d: Duration): string {
  const total = d.seconds * 1_000_000_000n + BigInt(d.nanos);
  const sign = total < 0n ? "-" : "";
  const abs = total < 0n ? -total : total;
  const fraction = String(abs % 1_000_000_000n)
    .padStart(9, "0")
    .replace(/0+$/, "");
  return `${sign}${abs / 1_000_000_000n}${fraction === "" ? "" : `.${fraction}`}s`;
}

/**
 * Conversions CEL defines and cel-js lacks: `int(timestamp)` (Unix seconds), `string(timestamp)`,
 * `string(duration)`, and the identities `timestamp(timestamp)` and `duration(duration)`. Only the interpreter runs them (the compiled engines do not compile them).
 */
export function registerTimeConversions(env: Environment): void {
  env.registerFunction(`int(${TS}): int`, (time: Date) => {
    const nanos = epochNanos(time);
    const seconds = nanos / 1_000_000_000n;
    return nanos < 0n && seconds * 1_000_000_000n !== nanos ? seconds - 1n : seconds;
  });
  env.registerFunction(`string(${TS}): string`, timestampText);
  env.registerFunction(`string(${DUR}): string`, durationText);
  env.registerFunction(`timestamp(${TS}): ${TS}`, (time: Date) => time);
  env.registerFunction(`duration(${DUR}): ${DUR}`, (d: Duration) => d);
}
