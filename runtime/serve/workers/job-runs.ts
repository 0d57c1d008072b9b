import type { RunOptions, RunSummary } from "../../engine/run.js";
import { runConnector } from "../../engine/run.js";
import { CannectorsError, describeError, ErrorCodes } from "../../errors/index.js";
import type { Logger } from "../../log/index.js";
import type { LoadedArtifact } from "../../validate/index.js";
import type { JobEngine, JobOutcome, RunRequest } from "./job-engine.js";

/** What job mode keeps per connector, beside the supervisor's own fields of the same slot. */
export interface JobSlot {
  artifact: LoadedArtifact;
  /** The run of this connector in this process, whatever started it. */
  running?: Promise<unknown> | undefined;
  /** A request is being added; `requestAgain` when a delivery came meanwhile. */
  requesting?: boolean;
  requestAgain?: boolean;
}

/** What job mode needs of the supervisor that owns the slots and their runs. */
export interface JobRunsHost<S extends JobSlot> {
  jobs: JobEngine;
  logger: Logger;
  /** After a queue run failed with deliveries left, how long until the next job. */
  queueRetryMs: number;
  /** Aborted once serve is stopping: jobs taken then are given back. */
  stopping: AbortSignal;
  slot(connector: string): S | undefined;
  /** Runs `run` as the slot's only run in this process; `expected` failures to start are not logged as errors. */
  exclusive(
    slot: S,
    run: (options: RunOptions) => Promise<RunSummary>,
    expected: (error: unknown) => boolean,
  ): Promise<RunSummary | undefined>;
  queueDepth(slot: S): Promise<number>;
  processWebhookQueue: ((options: RunOptions) => Promise<RunSummary>) | undefined;
}

/** A run that did not start because another process holds the connector's run lease. */
export const leaseHeld = (error: unknown) => error instanceof CannectorsError && error.code === ErrorCodes.LEASE_HELD;

/**
 * Job mode of the supervisor (several serve processes on one PostgreSQL): scheduled fires and
 * accepted deliveries become requests to the job engine, and the jobs it hands this process run
 * here under the connector's lease, asking for a follow-up job when deliveries are left.
 */
export class JobRuns<S extends JobSlot> {
  constructor(private readonly host: JobRunsHost<S>) {}

  /**
   * Adds a job for the connector. One request in flight per connector in this process; a delivery
   * accepted meanwhile asks once more after it, so none is left without a job after it. A request
   * that fails leaves the deliveries queued: the sweep asks again.
   */
  async request(slot: S, request: RunRequest): Promise<void> {
    if (slot.requesting) {
      slot.requestAgain = true;
      return;
    }
    slot.requesting = true;
    try {
      await this.host.jobs.request(request);
    } catch (error) {
      this.host.logger.warn("job not added", { connector: request.connector, error: describeError(error) });
    } finally {
      slot.requesting = false;
    }
    if (slot.requestAgain) {
      slot.requestAgain = false;
      return this.request(slot, request);
    }
  }

  /**
   * Runs one job of the engine here. `retry` gives it back: this process is stopping, or a polling
   * connector's lease is held by a run elsewhere. A connector this process does not load (removed,
   * or not deployed here yet) ends the job: the workers that load it ask again (their sweep, their
   * next fire), and a removed one's jobs do not come back forever.
   */
  async run(request: RunRequest): Promise<JobOutcome> {
    const { stopping } = this.host;
    if (stopping.aborted) return "retry";
    const slot = this.host.slot(request.connector);
    if (!slot) return "done";
    if (slot.artifact.connector.input.type === "webhook") return this.runWebhook(slot, request);
    let held = false;
    const summary = await this.host.exclusive(slot, runConnector, (error) => (held = leaseHeld(error)));
    if (held || summary === undefined) return held || stopping.aborted ? "retry" : "done";
    return "done";
  }

  /**
   * A webhook job. Every webhook run, once its lease is released, looks at the queue again and asks
   * for a job if deliveries are left: so a job that finds a run of its connector in progress, here
   * or elsewhere (the lease is held), ends at once, since that run or the job it asks for reads what
   * this job was asked for. (Giving such jobs back made every other worker fetch them, count the
   * queue, try the lease and fail them again each second, and tied up this process's job slots
   * behind its own run.) A holder that dies asks for nothing: the workers' sweep does, once its
   * lease has expired.
   */
  private async runWebhook(slot: S, request: RunRequest): Promise<JobOutcome> {
    const { processWebhookQueue: process, stopping } = this.host;
    if (!process || slot.running || (await this.host.queueDepth(slot)) === 0) return "done";
    let held = false;
    const summary = await this.host.exclusive(slot, process, (error) => (held = leaseHeld(error)));
    if (held) return "done";
    if (summary === undefined) return stopping.aborted ? "retry" : "done";
    if (summary.status === "cancelled") return "retry";
    if ((await this.host.queueDepth(slot)) === 0) return "done";
    // A run that failed outright (target down past its retries) is tried again later, not at once.
    const later = summary.status === "failed" ? { afterMs: this.host.queueRetryMs } : {};
    await this.host.jobs.request(request, later).catch((error: unknown) => {
      this.host.logger.warn("job not added", { connector: request.connector, error: describeError(error) });
    });
    return "done";
  }
}
