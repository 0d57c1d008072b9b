/** Test doubles for the engine's sinks, shared by the output modules' test harnesses. */
import type { DeadLetterEntry, DeadLetterSink, OutputRecord } from "./modules.js";

/** A dead letter that keeps its entries in memory, for tests to read back. */
export function recordingDeadLetter(): DeadLetterSink & { entries: DeadLetterEntry[] } {
  const entries: DeadLetterEntry[] = [];
  return {
    entries,
    write: (entry) => void entries.push(entry),
    get count() {
      return entries.length;
    },
    close: async () => {},
  };
}

/** Output records numbered from 0 in the order given. */
export function outputRecords(...values: Record<string, unknown>[]): OutputRecord[] {
  return values.map((value, seq) => ({ seq, value }));
}
