import { type RunOptions, type RunSummary, runConnector } from "../engine/run.js";
import type { Tracing } from "../trace/types.js";
import { CannectorsError, describeError, ErrorCodes } from "../errors/index.js";
import type { Logger, LogLevel, LogSink } from "../log/index.js";
import type { Clock } from "../net/types.js";
import {
  createScheduler,
  type FireReason,
  type SetTimer,
  type StateFireLog,
  stateFireLog,
  systemTimer,
} from "../schedule/index.js";
import type { StateStore } from "../state/index.js";
import type { LoadedArtifact } from "../validate/index.js";
import { BrokerConsumers, isBrokerInput, type BrokerStatus } from "./broker-consumers.js";
import { diffArtifacts } from "./registry.js";
import type { ServeMetrics } from "./serve-metrics.js";
import type { WebhookModule, WebhookReceiver } from "./webhook-port.js";
import type { JobEngine, JobOutcome, RunRequest } from "./workers/job-engine.js";
import { type JobSlot, JobRuns, leaseHeld } from "./workers/job-runs.js";

export interface SupervisorOptions {
  store: StateStore;
  env: Record<string, string | undefined>;
  /** Serve's own log lines (loads, schedules, reloads); runs log through `runLogSinks`. */
  logger: Logger;
  runLogSinks: LogSink[];
  logLevel?: LogLevel;
  metrics: ServeMetrics;
  webhooks?: WebhookModule | undefined;
  /** How long a stopping run may finish its batches in flight (serve's shutdown timeout). */
  drainTimeoutMs?: number;
  /** After a queue run failed with deliveries left, how long until the next attempt; default 30 s. */
  queueRetryMs?: number;
  clock?: Clock;
  now?: () => number;
  setTimer?: SetTimer;
  /** Spans for every run (OpenTelemetry when configured). */
  tracing?: Tracing | undefined;
  /**
   * Several serve processes on one PostgreSQL: scheduled fires and accepted deliveries become jobs
   * of this engine, and whichever process takes a job runs it (`runJob`) under the connector's lease.
   */
  jobs?: JobEngine | undefined;
  /** "state": every run's dead letters go to the state database (shared by the workers of one PostgreSQL). */
  deadLetters?: "file" | "state" | undefined;
  /** Longest wait before a broker consumer starts again after its run ended; default 60 s. */
  brokerRestartMaxMs?: number;
}

const RESERVED_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

interface Slot extends JobSlot {
  receiver?: WebhookReceiver | undefined;
  retry?: NodeJS.Timeout | undefined;
  /** A delivery arrived while the queue was being processed: process again when done. */
  rerun: boolean;
  /** Aborted when the connector is removed; runs see it together with the server's stop. */
  removed: AbortController;
  /** A broker connector's consumer: aborted when the connector is reloaded (its next version consumes). */
  consumer?: AbortController | undefined;
}

/**
 * Owns every loaded connector while serve runs: polling ones on the scheduler, webhook ones as
 * receivers plus queue processing. At most one run per connector at a time, whatever started it.
 * With a job engine, fires and deliveries become jobs and the jobs run here: workers/job-runs.ts.
 */
export class Supervisor {
  private readonly slots = new Map<string, Slot>();
  private readonly stopping = new AbortController();
  private readonly scheduler;
  private readonly fireLog: StateFireLog;
  private readonly brokers: BrokerConsumers;
  private readonly jobRuns: JobRuns<Slot> | undefined;

  constructor(private readonly options: SupervisorOptions) {
    const now = options.now ?? (() => Date.now());
    this.brokers = new BrokerConsumers(options.metrics);
    this.fireLog = stateFireLog(options.store, (error) =>
      options.logger.warn("schedule fire time not recorded", { error: String(error) }),
    );
    this.scheduler = createScheduler({
      now,
      setTimer: options.setTimer ?? systemTimer,
      fireLog: this.fireLog,
      logger: options.logger,
      onSkip: (connector) => options.metrics.scheduleSkipped(connector),
    });
    this.jobRuns = options.jobs && this.jobRunsOn(options.jobs);
  }

  private jobRunsOn(jobs: JobEngine): JobRuns<Slot> {
    return new JobRuns<Slot>({
      jobs,
      logger: this.options.logger,
      queueRetryMs: this.options.queueRetryMs ?? 30_000,
      stopping: this.stopping.signal,
      slot: (connector) => this.slots.get(connector),
      exclusive: (slot, run, expected) => this.exclusive(slot, run, expected),
      queueDepth: (slot) => this.queueDepth(slot),
      processWebhookQueue: this.options.webhooks?.processWebhookQueue,
    });
  }

  get connectors(): string[] {
    return [...this.slots.keys()];
  }

  /** Pending deliveries per webhook connector, read from the state store. */
  async queueDepths(): Promise<[string, number][]> {
    const { webhooks, store } = this.options;
    if (!webhooks) return [];
    const names = [...this.slots.values()]
      .filter((slot) => slot.receiver)
      .map((slot) => slot.artifact.connector.metadata.name);
    return Promise.all(
      names.map(async (name): Promise<[string, number]> => [name, await webhooks.queueDepth(store, name)]),
    );
  }

  /** Every broker consumer's connection state and messages in flight. */
  brokerStatuses(): BrokerStatus[] {
    return this.brokers.list();
  }

  /** `apply`, once the connectors' last schedule fires have been read from the state store. */
  async load(artifacts: ReadonlyMap<string, LoadedArtifact>): Promise<void> {
    await this.fireLog.prime([...artifacts.keys()]);
    this.apply(artifacts);
  }

  /** The webhook receiver listening on `path`, if any. */
  receiver(path: string): WebhookReceiver | undefined {
    for (const slot of this.slots.values()) if (slot.receiver?.path === path) return slot.receiver;
    return undefined;
  }

  /**
   * Brings the running set in line with `artifacts`: unchanged ones are left alone, changed ones
   * take effect from their next run (a run in progress finishes with the old artifact), removed
   * ones stop. Queued deliveries live in the state store and survive every change.
   */
  apply(artifacts: ReadonlyMap<string, LoadedArtifact>): void {
    if (this.stopping.signal.aborted) return;
    const current = new Map([...this.slots].map(([name, slot]) => [name, slot.artifact]));
    const changes = diffArtifacts(current, artifacts);
    for (const name of changes.removed) {
      const slot = this.slots.get(name)!;
      this.slots.delete(name);
      this.scheduler.remove(name);
      clearTimeout(slot.retry);
      slot.removed.abort(new Error(`connector ${name} was removed`));
      this.options.logger.info("connector removed", { connector: name });
    }
    for (const artifact of [...changes.changed, ...changes.added]) this.start(artifact);
  }

  private start(artifact: LoadedArtifact): void {
    const name = artifact.connector.metadata.name;
    const existing = this.slots.get(name);
    const slot: Slot = existing ?? { artifact, rerun: false, removed: new AbortController() };
    slot.artifact = artifact;
    this.slots.set(name, slot);
    const input = artifact.connector.input;
    const log = { connector: name, file: artifact.file, hash: artifact.hash.slice(0, 12) };
    slot.receiver = undefined;
    this.scheduler.remove(name);
    slot.consumer?.abort(new Error(`connector ${name} was reloaded`));
    slot.consumer = undefined;
    if (input.type === "webhook") {
      this.startWebhook(slot, input.path);
    } else if (isBrokerInput(input)) {
      void this.consume(slot);
    } else if (input.schedule === undefined) {
      this.options.logger.warn("polling connector without input.schedule: not run by serve", log);
    } else {
      this.scheduler.add({
        connector: name,
        expression: input.schedule,
        timeZone: input.timezone,
        run: (reason) => this.runPolling(slot, reason),
      });
    }
    this.options.logger.info(existing ? "connector reloaded" : "connector loaded", log);
  }

  private startWebhook(slot: Slot, path: string): void {
    const { webhooks, store, env, clock, metrics, logger } = this.options;
    const name = slot.artifact.connector.metadata.name;
    if (!webhooks) {
      logger.error("webhook inputs are not available in this build", { connector: name });
      return;
    }
    if (RESERVED_PATHS.has(path)) {
      logger.error("webhook path is reserved by serve: skipped", { connector: name, path });
      return;
    }
    const owner = [...this.slots.values()].find((other) => other !== slot && other.receiver?.path === path);
    if (owner) {
      logger.error("webhook path already served by another connector: skipped", {
        connector: name,
        path,
        owner: owner.artifact.connector.metadata.name,
      });
      return;
    }
    try {
      slot.receiver = webhooks.createWebhookReceiver({
        artifact: slot.artifact,
        store,
        env,
        ...(clock ? { clock } : {}),
        onAccepted: () => this.processQueue(slot),
        metrics: { delivery: (status, code) => metrics.delivery(name, status, code) },
        logger,
      });
    } catch (error) {
      logger.error("webhook receiver could not start: skipped", { connector: name, error: describeError(error) });
      return;
    }
    // Deliveries accepted before a crash or a restart are still queued: process them now
    // (with a job engine, the workers' sweep asks for the connectors whose queue is not empty).
    if (!this.options.jobs) this.processQueue(slot);
  }

  /** The broker connector's consumer loop (broker-consumers.ts), its runs exclusive with the slot's others. */
  private async consume(slot: Slot): Promise<void> {
    const consumer = new AbortController();
    slot.consumer = consumer;
    const name = slot.artifact.connector.metadata.name;
    await this.brokers.consume({
      connector: name,
      signal: AbortSignal.any([this.stopping.signal, slot.removed.signal, consumer.signal]),
      logger: this.options.logger,
      restartMaxMs: this.options.brokerRestartMaxMs,
      run: async (watch) => {
        let held = false;
        const summary = await this.exclusive(
          slot,
          (options) => runConnector({ ...options, broker: watch }),
          (error) => (held = leaseHeld(error)),
          consumer.signal,
        );
        return { summary, held };
      },
    });
    if (slot.consumer === consumer || slot.removed.signal.aborted) this.brokers.forget(name);
  }

  private async runPolling(slot: Slot, reason: FireReason): Promise<void> {
    const name = slot.artifact.connector.metadata.name;
    if (this.jobRuns) return this.jobRuns.request(slot, { connector: name, kind: "poll", due: reason.due });
    this.options.logger.info(reason.kind === "catch-up" ? "catch-up run" : "scheduled run", {
      connector: slot.artifact.connector.metadata.name,
      due: new Date(reason.due).toISOString(),
    });
    await this.exclusive(slot, (options) => runConnector(options));
  }

  /** Coalesces: one processing run at a time per connector, one more if deliveries arrived meanwhile. */
  private processQueue(slot: Slot): void {
    const process = this.options.webhooks?.processWebhookQueue;
    if (!process || this.stopping.signal.aborted || slot.removed.signal.aborted) return;
    if (this.jobRuns) {
      void this.jobRuns.request(slot, { connector: slot.artifact.connector.metadata.name, kind: "webhook" });
      return;
    }
    if (slot.running) {
      slot.rerun = true;
      return;
    }
    slot.rerun = false;
    clearTimeout(slot.retry);
    void this.exclusive(slot, process).then((summary) => {
      if (slot.rerun) return this.processQueue(slot);
      if (this.stopping.signal.aborted || slot.removed.signal.aborted) return;
      // A run that failed outright (target down past its retries) leaves deliveries queued: try again later.
      if (summary?.status !== "failed") return;
      return this.queueDepth(slot).then((depth) => {
        if (depth > 0) slot.retry = setTimeout(() => this.processQueue(slot), this.options.queueRetryMs ?? 30_000);
      });
    });
  }

  private async queueDepth(slot: Slot): Promise<number> {
    return (await this.options.webhooks?.queueDepth(this.options.store, slot.artifact.connector.metadata.name)) ?? 0;
  }

  /** Runs one job of the engine here (job mode only): see workers/job-runs.ts. */
  runJob(request: RunRequest): Promise<JobOutcome> {
    if (!this.jobRuns)
      throw new CannectorsError(ErrorCodes.CONFIG_INVALID, "runJob needs the supervisor's jobs option");
    return this.jobRuns.run(request);
  }

  private exclusive(
    slot: Slot,
    run: (options: RunOptions) => Promise<RunSummary>,
    expected?: (error: unknown) => boolean,
    until?: AbortSignal,
  ): Promise<RunSummary | undefined> {
    const previous = slot.running ?? Promise.resolve();
    const next = previous.then(() => this.runOnce(slot, run, expected, until));
    const tracked = next.finally(() => {
      if (slot.running === tracked) slot.running = undefined;
    });
    slot.running = tracked;
    return tracked;
  }

  /** `expected` says whether a failure to start is part of the plan (not logged as an error). */
  private async runOnce(
    slot: Slot,
    run: (options: RunOptions) => Promise<RunSummary>,
    expected?: (error: unknown) => boolean,
    until?: AbortSignal,
  ): Promise<RunSummary | undefined> {
    const signal = AbortSignal.any([this.stopping.signal, slot.removed.signal, ...(until ? [until] : [])]);
    if (signal.aborted) return undefined;
    const { store, env, runLogSinks, logLevel, clock, metrics, logger } = this.options;
    const name = slot.artifact.connector.metadata.name;
    try {
      const summary = await run({
        artifact: slot.artifact,
        store,
        env,
        logSinks: runLogSinks,
        logLevel: logLevel ?? "info",
        ...(this.options.deadLetters ? { deadLetters: this.options.deadLetters } : {}),
        signal,
        ...(this.options.drainTimeoutMs === undefined ? {} : { drainTimeoutMs: this.options.drainTimeoutMs }),
        ...(clock ? { clock } : {}),
        ...(this.options.tracing ? { tracing: this.options.tracing } : {}),
      });
      metrics.runFinished(summary);
      return summary;
    } catch (error) {
      if (expected?.(error)) {
        logger.debug("run not started here", { connector: name, reason: describeError(error) });
        return undefined;
      }
      logger.error("run could not start", { connector: name, error: describeError(error) });
      return undefined;
    }
  }

  /**
   * Stops the schedule, asks every run in progress to drain (no new page or batch; batches in
   * flight may finish within the timeout) and waits for them, at most `timeoutMs`.
   * Resolves true when everything finished in time.
   */
  async stop(timeoutMs: number): Promise<boolean> {
    this.scheduler.stop();
    for (const slot of this.slots.values()) clearTimeout(slot.retry);
    this.stopping.abort(new Error("serve is stopping"));
    const running = [...this.slots.values()].flatMap((slot) => (slot.running ? [slot.running] : []));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const drained = await Promise.race([Promise.allSettled(running).then(() => true), timedOut]);
    clearTimeout(timer);
    return drained;
  }
}
