import { failedRecordEntry } from "../../engine/modules.js";
import { formatPath } from "../../diagnostics/index.js";
import type { DeliveryResult, OutputModule, OutputRecord } from "../../engine/modules.js";
import { describeError } from "../../errors/index.js";
import { compileExpression } from "../../expr/index.js";
import type { OutputWiring } from "../module.js";
import { closeAll, deliverAll } from "../composite-output.js";
import type { RoutesOutput } from "./schema.js";

/**
 * Each record goes to the first route whose condition holds, else to the default (or nowhere, when
 * the default is `drop`). Every route's share of a batch is delivered at once; the batch is
 * acknowledged when every route has acknowledged (or dead-lettered) its share.
 */
export function createRoutesOutput(spec: RoutesOutput, wiring: OutputWiring): OutputModule {
  const routes = spec.routes.map((route, index) => {
    const at = [...wiring.path, "routes", index];
    return {
      label: formatPath([...at, "when"]),
      test: compileExpression(route.when, ["record"]),
      output: wiring.createOutput(route.output, { path: [...at, "output"] }),
    };
  });
  const otherwise =
    spec.default === "drop" ? undefined : wiring.createOutput(spec.default, { path: [...wiring.path, "default"] });

  /** The index of the route the record takes (routes.length: the default), or why no route can be chosen. */
  function choose(record: OutputRecord): number | { at: string; reason: string } {
    for (let index = 0; index < routes.length; index++) {
      const route = routes[index]!;
      let holds: unknown;
      try {
        holds = route.test({ record: record.value });
      } catch (error) {
        return { at: route.label, reason: describeError(error) };
      }
      if (holds === true) return index;
      if (holds !== false)
        return { at: route.label, reason: `condition must evaluate to a bool, got ${kindOf(holds)}` };
    }
    return routes.length;
  }

  return {
    async deliver(batch) {
      const shares = [...routes, undefined].map((): OutputRecord[] => []);
      let deadLettered = 0;
      for (const record of batch) {
        const chosen = choose(record);
        if (typeof chosen === "number") {
          shares[chosen]!.push(record);
          continue;
        }
        // A condition that fails on one record is that record's failure, as in a filter.
        deadLettered++;
        wiring.context.logger.warn("record dead-lettered", {
          seq: record.seq,
          route: chosen.at,
          reason: chosen.reason,
        });
        wiring.deadLetter.write(
          failedRecordEntry(wiring.context.connectorName, record, `${chosen.at}: ${chosen.reason}`, {
            output: formatPath(wiring.path),
          }),
        );
      }
      const outputs = [...routes.map((route) => route.output), otherwise];
      const result: DeliveryResult = await deliverAll(outputs.map((output, index) => [output, shares[index]!]));
      return { delivered: result.delivered, deadLettered: result.deadLettered + deadLettered };
    },
    close: () => closeAll([...routes.map((route) => route.output), otherwise]),
  };
}

function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "list" : typeof value;
}
