import { formatPath } from "../../diagnostics/index.js";
import type { DeadLetterEntry, DeadLetterSink, OutputModule, OutputRecord } from "../../engine/modules.js";
import type { OutputWiring } from "../module.js";
import { closeAll } from "../composite-output.js";
import type { FallbackOutput } from "./schema.js";

/**
 * Records go to the primary output; a record it fails permanently (its dead letter) goes to the
 * fallback output instead, and reaches the dead letter only if the fallback fails it too. The
 * batch is acknowledged once the fallback has settled every record the primary gave up on.
 */
export function createFallbackOutput(spec: FallbackOutput, wiring: OutputWiring): OutputModule {
  const primaryLabel = formatPath([...wiring.path, "primary"]);
  // The primary's failures, by the record's position: the engine may deliver several batches at once
  // (each takes its own positions back), and a primary that maps records (a fanout branch) fails the
  // mapped record, yet it is the record as this output received it that goes to the fallback.
  const refused = new Map<number, DeadLetterEntry>();
  const catcher: DeadLetterSink = {
    write: (entry) => void (refused.has(entry.seq) || refused.set(entry.seq, entry)),
    count: 0,
    close: async () => {},
  };
  // The fallback's failures go to the dead letter with the primary's reason, so both causes are kept.
  const lastResort: DeadLetterSink = {
    write(entry) {
      const first = refused.get(entry.seq);
      const primary = first ? `; before that ${first.output ?? primaryLabel} failed: ${first.reason}` : "";
      wiring.deadLetter.write({ ...entry, reason: `${entry.reason}${primary}` });
    },
    get count() {
      return wiring.deadLetter.count;
    },
    close: async () => {},
  };
  const primary = wiring.createOutput(spec.primary, { path: [...wiring.path, "primary"], deadLetter: catcher });
  const fallback = wiring.createOutput(spec.fallback, { path: [...wiring.path, "fallback"], deadLetter: lastResort });

  return {
    async deliver(batch) {
      const first = await primary.deliver(batch);
      if (first.deadLettered === 0) return first;
      const again: OutputRecord[] = [];
      for (const record of batch) {
        const entry = refused.get(record.seq);
        if (entry === undefined) continue;
        wiring.context.logger.warn("record sent to the fallback output", {
          seq: record.seq,
          output: entry.output ?? primaryLabel,
          reason: wiring.context.redactor.redact(entry.reason),
        });
        again.push(record);
      }
      try {
        const second = await fallback.deliver(again);
        return { delivered: first.delivered + second.delivered, deadLettered: second.deadLettered };
      } finally {
        for (const record of again) refused.delete(record.seq);
      }
    },
    close: () => closeAll([primary, fallback]),
  };
}
