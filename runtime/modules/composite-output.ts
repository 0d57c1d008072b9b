/** What the routes, fanout and fallback outputs share: delivering to several children as one acknowledgement. */
import type { DeliveryResult, OutputModule, OutputRecord } from "../engine/modules.js";
import { failpoint } from "../failpoints/index.js";

/**
 * Delivers each child's share at once and resolves when every child has settled: the batch is
 * acknowledged (the cursor may move) only once every output that must receive a record has it.
 * A child that throws (cancelled, state lost) fails the batch after the others settle.
 */
export async function deliverAll(
  shares: readonly (readonly [OutputModule | undefined, OutputRecord[]])[],
): Promise<DeliveryResult> {
  const sending = shares.filter(([output, records]) => output !== undefined && records.length > 0);
  let pending = sending.length;
  const settled = await Promise.allSettled(
    sending.map(async ([output, records]) => {
      const result = await output!.deliver(records);
      // The crash window this shape adds: one output has the records, another not yet (test/output-crash-window).
      if (--pending > 0) failpoint("between-output-acks");
      return result;
    }),
  );
  const total: DeliveryResult = { delivered: 0, deadLettered: 0 };
  for (const outcome of settled) {
    if (outcome.status === "rejected") throw outcome.reason;
    total.delivered += outcome.value.delivered;
    total.deadLettered += outcome.value.deadLettered;
  }
  return total;
}

export async function closeAll(outputs: readonly (OutputModule | undefined)[]): Promise<void> {
  await Promise.all(outputs.map((output) => output?.close()));
}
