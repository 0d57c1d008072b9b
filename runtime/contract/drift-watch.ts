import type { InputModule } from "../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import type { Logger } from "../log/types.js";
import { type Drift, driftOf } from "./drift.js";
import type { SourceContract } from "./source-contract.js";

export const DRIFT_MESSAGE = "source contract drift";

function describe(drift: Drift): string {
  if (drift.kind === "new_field") return `new field ${drift.path} (${drift.actual})`;
  if (drift.kind === "missing_field") return `required field ${drift.path} missing`;
  return `${drift.path} is ${drift.actual}, the contract says ${drift.expected}`;
}

/**
 * The input, with one record in `sampleEvery` (and the first of every page) checked against the
 * source's contract. Each distinct drift is logged once as it is first seen, with how many sampled
 * records showed it at the end; in strict mode the first one fails the run.
 */
export function watchDrift(
  input: InputModule,
  contract: SourceContract,
  options: { mode: "warn" | "strict"; sampleEvery: number; logger: Logger },
): InputModule {
  const seen = new Map<string, { drift: Drift; records: number; page: number }>();
  return {
    async *pages(savedCursor) {
      let index = 0;
      try {
        for await (const page of input.pages(savedCursor)) {
          page.records.forEach((record, i) => {
            if (i !== 0 && index++ % options.sampleEvery !== 0) return;
            for (const drift of driftOf(contract.spec, contract.record, record)) {
              const key = `${drift.kind} ${drift.path}`;
              const known = seen.get(key);
              if (known) {
                known.records++;
                continue;
              }
              seen.set(key, { drift, records: 1, page: page.number });
              if (options.mode === "strict")
                throw new CannectorsError(
                  ErrorCodes.CONTRACT,
                  `${DRIFT_MESSAGE} (strict): ${describe(drift)}, against ${contract.operation} in ${contract.spec.file}`,
                  { details: { ...drift, page: page.number } },
                );
              options.logger.warn(DRIFT_MESSAGE, { ...drift, change: describe(drift), page: page.url });
            }
          });
          yield page;
        }
      } finally {
        if (seen.size > 0)
          options.logger.warn(`${DRIFT_MESSAGE}: ${seen.size} change(s) from ${contract.operation}`, {
            changes: [...seen.values()].map((s) => `${describe(s.drift)} in ${s.records} sampled record(s)`),
          });
      }
    },
  };
}
