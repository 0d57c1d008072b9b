import type { InputModule, ModuleContext, SourcePage } from "../../engine/modules.js";
import type { StateStore } from "../../state/index.js";
import { decodeJson } from "../../json/index.js";
import { MAX_JSON_DEPTH } from "./json.js";
import { recordsOf } from "./records.js";

/** Deliveries read from the queue per query: small, so a long backlog does not sit in memory. */
const READ_AHEAD = 32;

/**
 * The engine's input for a webhook connector: one page per pending delivery, in arrival order,
 * until the queue is empty. Each page carries its queue seq as the cursor, so the engine's
 * watermark says "settled up to seq N" exactly as it says it for an incremental cursor.
 */
export function createQueueInput(
  store: StateStore,
  records: string | undefined,
  context: Pick<ModuleContext, "connectorName" | "logger">,
): InputModule {
  const connector = context.connectorName;
  return {
    async *pages(): AsyncGenerator<SourcePage> {
      let after = 0;
      let number = 0;
      for (;;) {
        const batch = await store.webhooks.pending(connector, after, READ_AHEAD);
        if (batch.length === 0) return;
        for (const delivery of batch) {
          after = delivery.seq;
          const where = `webhook delivery ${delivery.deliveryId} (queue seq ${delivery.seq})`;
          const found = recordsOf(decodeJson(delivery.body, { maxDepth: MAX_JSON_DEPTH }).value, records);
          if (typeof found === "string") {
            // Checked when received; only an artifact changed since can get here. Skipping keeps the queue moving.
            context.logger.error("webhook delivery skipped: no records", {
              delivery: delivery.deliveryId,
              reason: found,
            });
          }
          number++;
          yield { number, url: where, records: typeof found === "string" ? [] : found, cursor: String(delivery.seq) };
        }
      }
    },
  };
}
