import { failedRecordEntry } from "../../engine/modules.js";
import { formatPath } from "../../diagnostics/index.js";
import type { OutputModule, OutputRecord } from "../../engine/modules.js";
import { describeError } from "../../errors/index.js";
import type { OutputWiring } from "../module.js";
import { closeAll, deliverAll } from "../composite-output.js";
import type { FanoutOutput } from "./schema.js";

/**
 * Every output receives every record, each through its own filters (its mapping). The outputs are
 * sent to at once; the batch is acknowledged when every one of them has acknowledged (or
 * dead-lettered) its records. The counts add up per output: a record sent to three outputs is
 * three deliveries.
 */
export function createFanoutOutput(spec: FanoutOutput, wiring: OutputWiring): OutputModule {
  const branches = spec.outputs.map((branch, index) => {
    const at = [...wiring.path, "outputs", index];
    return {
      label: formatPath([...at, "filters"]),
      filters: wiring.compileFilters(branch.filters, [...at, "filters"]),
      output: wiring.createOutput(branch.output, { path: [...at, "output"] }),
    };
  });

  return {
    async deliver(batch) {
      let deadLettered = 0;
      const shares = branches.map((branch): readonly [OutputModule, OutputRecord[]] => {
        const share: OutputRecord[] = [];
        for (const record of batch) {
          try {
            for (const value of branch.filters(record.value, record.seq)) share.push({ seq: record.seq, value });
          } catch (error) {
            // A mapping that fails on one record is that record's failure at this output only.
            deadLettered++;
            const reason = describeError(error);
            wiring.context.logger.warn("record dead-lettered", { seq: record.seq, output: branch.label, reason });
            wiring.deadLetter.write(
              failedRecordEntry(wiring.context.connectorName, record, reason, { output: branch.label }),
            );
          }
        }
        return [branch.output, share];
      });
      const result = await deliverAll(shares);
      return { delivered: result.delivered, deadLettered: result.deadLettered + deadLettered };
    },
    close: () => closeAll(branches.map((branch) => branch.output)),
  };
}
