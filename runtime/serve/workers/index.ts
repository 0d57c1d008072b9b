import type { Logger } from "../../log/index.js";
import type { Supervisor } from "../supervisor.js";
import type { JobEngine } from "./job-engine.js";

export type { JobEngine, JobOutcome, RunKind, RunRequest } from "./job-engine.js";

export interface Workers {
  /** Stops taking jobs and sweeping; jobs in progress are drained by the supervisor's stop. */
  pause(): Promise<void>;
  stop(timeoutMs: number): Promise<void>;
}

/**
 * Makes this serve process one of the workers sharing the engine: it takes jobs and runs them
 * through the supervisor, and sweeps now and every `sweepMs` for webhook connectors with
 * deliveries queued but perhaps no job (a request that failed, a job whose retries ran out).
 */
export async function startWorkers(options: {
  supervisor: Supervisor;
  engine: JobEngine;
  logger: Logger;
  sweepMs: number;
}): Promise<Workers> {
  const { supervisor, engine, logger } = options;
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      for (const [connector, depth] of await supervisor.queueDepths()) {
        if (depth > 0) await engine.request({ connector, kind: "webhook" });
      }
    } catch (error) {
      logger.warn("webhook queue sweep failed", { error: String(error) });
    } finally {
      sweeping = false;
    }
  };
  await engine.work((request) => supervisor.runJob(request));
  await sweep();
  const timer = setInterval(() => void sweep(), options.sweepMs);
  timer.unref();
  return {
    async pause() {
      clearInterval(timer);
      await engine.pause();
    },
    stop: (timeoutMs) => engine.stop(timeoutMs),
  };
}
