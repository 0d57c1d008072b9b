import type { Connector } from "../../runtime/artifact/index.js";
import type { DeadLetterEntry } from "../../runtime/engine/modules.js";
import { compileFilters } from "../../runtime/filters/index.js";
import { type JsonRecord, stringifyJson } from "../../runtime/json/index.js";

/** A record the target should get: what the connector's filters make of source record `seq`. */
export interface ExpectedRecord {
  seq: number;
  record: unknown;
}

/** Source records through the connector's own filters, as plain JSON (exact numbers as JSON numbers). */
export function expectedRecords(connector: Connector, records: readonly JsonRecord[]): ExpectedRecord[] {
  const filters = compileFilters(connector.filters);
  const out: ExpectedRecord[] = [];
  records.forEach((record, seq) => {
    try {
      for (const value of filters(structuredClone(record), seq)) out.push({ seq, record: plain(value) });
    } catch {
      // A record the filters fail is the run's to dead-letter; it is expected there, not at the target.
    }
  });
  return out;
}

export function plain(value: unknown): unknown {
  return JSON.parse(stringifyJson(value));
}

/** JSON text with sorted keys: two records are the same record when their texts are equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as JsonRecord).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export interface Tally {
  /** Expected records that reached neither the target nor the dead-letter file. */
  lost: unknown[];
  /** Records the target got that the connector should not have sent (corrupted, or not from the source). */
  unexpected: unknown[];
  /** Arrivals beyond the first of each record. */
  duplicates: number;
}

export function tally(
  expected: readonly ExpectedRecord[],
  received: readonly unknown[],
  deadLetters: readonly DeadLetterEntry[],
): Tally {
  const counts = new Map<string, number>();
  for (const record of received) counts.set(canonical(record), (counts.get(canonical(record)) ?? 0) + 1);
  const deadLettered = new Set(deadLetters.map((entry) => canonical(entry.record)));
  const wanted = new Set(expected.map((e) => canonical(e.record)));
  return {
    lost: expected
      .filter((e) => !counts.has(canonical(e.record)) && !deadLettered.has(canonical(e.record)))
      .map((e) => e.record),
    unexpected: received.filter((record) => !wanted.has(canonical(record))),
    duplicates: [...counts.values()].reduce((sum, n) => sum + n - 1, 0),
  };
}
