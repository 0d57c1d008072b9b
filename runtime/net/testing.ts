/** Test doubles shared by the net, auth and input tests: a clock that never really sleeps, a recording logger, a plain redactor. */
import type { LogFields, Logger, LogLevel } from "../log/types.js";
import type { Redactor } from "../secrets/types.js";
import type { Clock } from "./types.js";

export interface FakeClock extends Clock {
  /** Every sleep requested, in order. */
  sleeps: number[];
  advance(ms: number): void;
}

/** Sleeping moves time to the sleeper's wake-up instant at once, so concurrent sleepers see consistent time. */
export function fakeClock(start = 1_700_000_000_000): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      const wake = now + ms;
      await new Promise<void>((resolve) => setImmediate(resolve));
      now = Math.max(now, wake);
    },
  };
}

export interface LogEntry {
  level: LogLevel;
  message: string;
  fields: LogFields;
}

export function recordingLogger(entries: LogEntry[] = [], bound: LogFields = {}): Logger & { entries: LogEntry[] } {
  const log =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      entries.push({ level, message, fields: { ...bound, ...fields } });
    };
  return {
    entries,
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    child: (fields) => recordingLogger(entries, { ...bound, ...fields }),
  };
}

export function plainRedactor(initial: string[] = []): Redactor & { secrets: string[] } {
  const secrets = initial.filter((s) => s.length >= 4);
  const redact = (text: string) => secrets.reduce((out, secret) => out.split(secret).join("***"), text);
  return {
    secrets,
    add(secret) {
      if (secret.length >= 4 && !secrets.includes(secret)) secrets.push(secret);
    },
    redact,
    redactValue<T>(value: T): T {
      return JSON.parse(redact(JSON.stringify(value))) as T;
    },
  };
}

export { seededRandom } from "./seeded-random.js";
