import type { InputModule, ModuleContext, SourcePage } from "../../engine/modules.js";
import type { StateStore } from "../../state/index.js";
import { decodeJson } from "../../json/index.js";
import { MAX_JSON_DEPTH } from "./json.js";
import { recordsOf } from "./records.js";

/** Deliveries read from the queue per query: small, so a long backlog does not sit in memory. */
const READ_AHEAD = 32;

/** One run's reading of a connector's queue: its input, and what a committed cursor settles. */
export interface QueueSource {
  create(context: Pick<ModuleContext, "connectorName" | "logger">): InputModule;
  /** Marks done the deliveries this run read up to `cursor` (a queue seq): those, and no other. */
  commit(cursor: string): Promise<number>;
}

/**
 * The engine's input for a webhook connector: one page per pending delivery, in seq order, until
 * the queue is empty. Each page carries its queue seq as the cursor, so the engine's watermark says
 * "settled up to seq N" exactly as it says it for an incremental cursor. The commit marks done only
 * the seqs read: with several PostgreSQL writers, seq order is not commit order (a worker's insert
 * takes seq 100 and commits after another's seq 101 was read), so "every pending delivery up to N"
 * would settle seq 100 unread. It stays pending and the next run reads it.
 */
export function createQueueSource(store: StateStore, connector: string, records: string | undefined): QueueSource {
  /** Seqs read and not yet committed, ascending (each read asks for seqs above the last). */
  const read: number[] = [];
  return {
    create: (context) => ({ pages: () => readPages(store, connector, records, context, read) }),
    commit(cursor) {
      const upTo = Number(cursor);
      let count = 0;
      while (count < read.length && read[count]! <= upTo) count++;
      const settled = read.splice(0, count);
      return settled.length === 0 ? Promise.resolve(0) : store.webhooks.markDone(connector, settled);
    },
  };
}

async function* readPages(
  store: StateStore,
  connector: string,
  records: string | undefined,
  context: Pick<ModuleContext, "logger">,
  read: number[],
): AsyncGenerator<SourcePage> {
  let after = 0;
  let number = 0;
  for (;;) {
    const batch = await store.webhooks.pending(connector, after, READ_AHEAD);
    if (batch.length === 0) return;
    for (const delivery of batch) {
      // PostgreSQL's BIGSERIAL comes back as text.
      after = Number(delivery.seq);
      read.push(after);
      const where = `webhook delivery ${delivery.deliveryId} (queue seq ${after})`;
      const found = recordsOf(decodeJson(delivery.body, { maxDepth: MAX_JSON_DEPTH }).value, records);
      if (typeof found === "string") {
        // Checked when received; only an artifact changed since can get here. Skipping keeps the queue moving.
        context.logger.error("webhook delivery skipped: no records", {
          delivery: delivery.deliveryId,
          reason: found,
        });
      }
      number++;
      yield { number, url: where, records: typeof found === "string" ? [] : found, cursor: String(after) };
    }
  }
}
