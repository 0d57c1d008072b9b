import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { type RunOptions, type RunSummary, runConnector } from "../engine/run.js";
import type { StateStore } from "../state/index.js";
import { createQueueSource } from "../modules/input-webhook/queue-input.js";

/** One run at a time per store and connector, plus at most one waiting: later calls share the waiting one. */
const runs = new WeakMap<StateStore, Map<string, { current: Promise<RunSummary>; next?: Promise<RunSummary> }>>();

/**
 * Processes the queued deliveries of one connector (filters → output, with retries and the dead
 * letter), recorded in the execution history like a polling run. Resolves when the queue is empty
 * or the signal stops the run; deliveries not yet settled stay queued for the next call.
 */
export function processWebhookQueue(options: RunOptions): Promise<RunSummary> {
  const input = options.artifact.connector.input;
  if (input.type !== "webhook") {
    const name = options.artifact.connector.metadata.name;
    return Promise.reject(
      new CannectorsError(
        ErrorCodes.CONFIG_INVALID,
        `connector ${name} has no webhook input: nothing is queued for it`,
      ),
    );
  }
  const name = options.artifact.connector.metadata.name;
  const perStore = runs.get(options.store) ?? new Map();
  runs.set(options.store, perStore);
  const slot = perStore.get(name);
  if (slot?.next) return slot.next;
  const run = () => runConnector(options, createQueueSource(options.store, name, input.records));
  if (slot === undefined) {
    const current = run().finally(() => advance(perStore, name));
    perStore.set(name, { current });
    return current;
  }
  // A delivery accepted while a run drains the queue may land after its last read: run once more.
  slot.next = slot.current.then(run, run);
  return slot.next;
}

function advance(perStore: Map<string, { current: Promise<RunSummary>; next?: Promise<RunSummary> }>, name: string) {
  const slot = perStore.get(name);
  if (slot?.next === undefined) {
    perStore.delete(name);
    return;
  }
  const current = slot.next;
  perStore.set(name, { current });
  current.finally(() => advance(perStore, name)).catch(() => undefined);
}

export function queueDepth(store: StateStore, connector: string): Promise<number> {
  return store.webhooks.depth(connector);
}
