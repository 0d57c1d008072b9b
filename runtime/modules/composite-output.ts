/** What the routes, fanout and fallback outputs share: delivering to several children as one acknowledgement. */
import type { DeliveryResult, OutputModule, OutputRecord } from "../engine/modules.js";

/**
 * Delivers each child's share at once and resolves when every child has settled: the batch is
 * acknowledged (the cursor may move) only once every output that must receive a record has it.
 * A child that throws (cancelled, state lost) fails the batch after the others settle.
 */
export async function deliverAll(
  shares: readonly (readonly [OutputModule | undefined, OutputRecord[]])[],
): Promise<DeliveryResult> {
  const settled = await Promise.allSettled(
    shares.map(([output, records]) =>
      output === undefined || records.length === 0 ? { delivered: 0, deadLettered: 0 } : output.deliver(records),
    ),
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
