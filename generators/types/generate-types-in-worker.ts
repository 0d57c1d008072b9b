import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { generateTypes } from "./generate-types.js";

export interface TypesJob {
  /** One text per spec, in the order given. */
  texts: Promise<string>[];
  /** Stops the worker when its results are no longer wanted (an error or a cancel elsewhere). */
  cancel(): void;
}

type Message = { index: number } & ({ ok: true; text: string } | { ok: false; message: string });

const WORKER = new URL("./types-worker.js", import.meta.url);

/**
 * generateTypes for several specs on one worker thread, so `generate` writes types while the main
 * thread reads and ranks the specs: openapi-typescript is CPU-bound (seconds on GitHub's spec).
 * One worker, not one per spec: each would load TypeScript again, which costs more than it saves
 * on a busy 2-core machine. From the TypeScript sources (tests) no compiled worker exists: in-thread.
 */
export function generateTypesInWorker(
  specs: readonly string[],
  outFile: string,
  useWorker: boolean = hasSpareCore(),
): TypesJob {
  if (!useWorker || !existsSync(fileURLToPath(WORKER))) {
    let chain: Promise<unknown> = Promise.resolve();
    const texts = specs.map((spec) => {
      const text = chain.then(() => generateTypes(spec, outFile));
      chain = text.catch(() => {});
      return text;
    });
    return settled(texts, () => {});
  }
  const worker = new Worker(WORKER, { workerData: { specs: [...specs], outFile } });
  const pending = specs.map(() => deferred());
  let received = 0;
  worker.on("message", (message: Message) => {
    const slot = pending[message.index];
    if (message.ok) slot?.resolve(message.text);
    else slot?.reject(new Error(message.message));
    if (++received === specs.length) void worker.terminate();
  });
  const failAll = (error: Error) => {
    for (const slot of pending) slot.reject(error);
  };
  worker.once("error", failAll);
  worker.once("exit", (code) => failAll(new Error(`the types worker stopped (exit ${code}) before it was done`)));
  return settled(
    pending.map((slot) => slot.promise),
    () => void worker.terminate(),
  );
}

/**
 * A second thread pays off only with a core to run on: on a saturated machine it just adds its own
 * start-up and heap (measured: +1.5 s CPU on GitHub → Stripe). `loadavg` is [0, 0, 0] on Windows: a worker.
 */
function hasSpareCore(): boolean {
  return availableParallelism() - loadavg()[0]! >= 1;
}

/** The texts are awaited later, maybe never (an error elsewhere): a rejection must not go unhandled meanwhile. */
function settled(texts: Promise<string>[], cancel: () => void): TypesJob {
  for (const text of texts) text.catch(() => {});
  return { texts, cancel };
}

function deferred() {
  let resolve!: (text: string) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<string>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}
