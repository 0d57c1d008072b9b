import type { SourcePage } from "../engine/modules.js";
import { CannectorsError, describeError, ErrorCodes } from "../errors/index.js";
import type { Inbox } from "./inbox.js";

/**
 * The pages of any broker input: opens the consumer (a failure to open is the run's
 * CANNECTORS_E_BROKER, naming the address without credentials), then yields what the broker pushed
 * into `inbox` until it has been idle for `idleMs` or the run is aborted.
 */
export async function* brokerPages(
  address: string,
  open: () => Promise<void>,
  inbox: Inbox,
  idle: { idleMs: number; maxDepth: number | undefined; signal: AbortSignal },
): AsyncGenerator<SourcePage> {
  try {
    await open();
  } catch (error) {
    throw new CannectorsError(ErrorCodes.BROKER, `cannot consume ${address}: ${describeError(error)}`, {
      cause: error,
    });
  }
  yield* inbox.pages(idle.idleMs, idle.maxDepth, idle.signal);
}

/** Why a message redelivered `redeliveries` times is not processed again, or undefined while under the limit. */
export function overRedeliveryLimit(redeliveries: number, limit: number): string | undefined {
  return redeliveries > limit ? `redelivered ${redeliveries} times, over the limit of ${limit}` : undefined;
}
