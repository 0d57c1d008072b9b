import type { Logger } from "../log/types.js";

/**
 * A run's two stop levels: `stopping` ends the reading (no new page or batch), `aborting` also
 * cuts the requests in flight. A graceful stop (the caller's signal) aborts after the drain timeout.
 */
export interface RunStop {
  readonly stopping: AbortSignal;
  readonly aborting: AbortSignal;
  /** Both levels at once: the run must end now (its lease was lost). */
  abort(reason: unknown): void;
  /** Detaches from the caller's signal and cancels the drain timer. */
  dispose(): void;
}

export function createRunStop(signal: AbortSignal | undefined, drainTimeoutMs: number, logger: Logger): RunStop {
  const stopping = new AbortController();
  const aborting = new AbortController();
  let drainTimer: NodeJS.Timeout | undefined;
  const onStop = () => {
    logger.warn("stop requested: finishing batches in flight", { drainTimeoutMs });
    stopping.abort(signal?.reason);
    drainTimer = setTimeout(() => aborting.abort(signal?.reason), drainTimeoutMs);
  };
  if (signal?.aborted) onStop();
  else signal?.addEventListener("abort", onStop, { once: true });
  return {
    stopping: stopping.signal,
    aborting: aborting.signal,
    abort(reason) {
      stopping.abort(reason);
      aborting.abort(reason);
    },
    dispose() {
      signal?.removeEventListener("abort", onStop);
      clearTimeout(drainTimer);
    },
  };
}
