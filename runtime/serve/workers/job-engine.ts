/**
 * What serve needs of a job engine when several `serve` processes share one PostgreSQL state:
 * a durable queue of "run this connector" requests that any process may add to and any process
 * may take from. The engine is pg-boss (pg-boss-engine.ts); the supervisor sees only this.
 */
export type RunKind = "poll" | "webhook";

export interface RunRequest {
  connector: string;
  kind: RunKind;
  /** A scheduled fire: its due instant (epoch ms), so every worker firing it makes one job. */
  due?: number | undefined;
}

/** What a job's run ended as: `retry` hands the job back to the engine to try again later. */
export type JobOutcome = "done" | "retry";

export interface JobEngine {
  /** Adds a request; resolves once it is committed (or coalesced into one not yet started). */
  request(request: RunRequest, options?: { afterMs?: number }): Promise<void>;
  /** Starts taking jobs, `concurrency` at a time; `handle` runs one and says how it ended. */
  work(handle: (request: RunRequest) => Promise<JobOutcome>): Promise<void>;
  /** True while the engine's database answers: /readyz. */
  healthy(): Promise<boolean>;
  /** Stops taking jobs; jobs in progress go on (the supervisor drains them). */
  pause(): Promise<void>;
  /** Waits at most `timeoutMs` for jobs in progress, then lets the database go. */
  stop(timeoutMs: number): Promise<void>;
}
