import { CannectorsError, describeError, ErrorCodes } from "../errors/index.js";
import { compileFilters } from "../filters/index.js";
import { createLogger, historySink, type LogSink } from "../log/index.js";
import type { LookupFunction } from "../net/address-guard.js";
import { type Clock, systemClock } from "../net/types.js";
import { createRedactor, resolveSecrets } from "../secrets/index.js";
import { leaseHeldError, type StateStore } from "../state/index.js";
import type { LoadedArtifact } from "../validate/index.js";
import type { InputModule, ModuleContext } from "./modules.js";
import { pump, type RunCounts } from "./pump.js";
import { Watermark } from "./watermark.js";
import { wireModules } from "./wiring.js";

export type { RunCounts } from "./pump.js";

export type RunStatus = "succeeded" | "partial" | "failed" | "cancelled";

export interface RunOptions {
  artifact: LoadedArtifact;
  store: StateStore;
  env?: Record<string, string | undefined>;
  /** Renders each request as a JSON line here instead of sending it; no cursor, no dead-letter file. */
  dryRun?: { write(line: string): void };
  /** Stop after reading this many source records. */
  limit?: number;
  /** Where log lines go besides the execution history (stderr in the CLI). */
  logSinks?: LogSink[];
  logLevel?: "debug" | "info" | "warn" | "error";
  deadLetterPath?: string;
  /**
   * Graceful stop: no new page or batch is started, batches in flight may finish (up to
   * `drainTimeoutMs`, then they are aborted), the cursor covers what was acknowledged.
   */
  signal?: AbortSignal;
  /** How long in-flight batches may take to finish after a stop; default 30 s. */
  drainTimeoutMs?: number;
  clock?: Clock;
  random?: () => number;
  onProgress?: (counts: Readonly<RunCounts>) => void;
  /**
   * How long this run's lease on the connector lasts without renewal (renewed every third of it);
   * default 30 s. A second run of the same connector on the same state database is refused.
   */
  leaseTtlMs?: number;
  /** The DNS resolver behind the address guard, for every connection of the run; tests inject one. */
  resolve?: LookupFunction;
}

export interface RunSummary {
  executionId: string;
  connector: string;
  artifactHash: string;
  status: RunStatus;
  dryRun: boolean;
  counts: RunCounts;
  durationMs: number;
  cursor?: string | undefined;
  deadLetterFile?: string | undefined;
  error?: string | undefined;
}

/** Runs one connector once and records the execution, its logs and its cursor in the state store. */
/**
 * An input that replaces the artifact's own (the webhook queue): its module, and what a committed
 * cursor means to it instead of the incremental cursor.
 */
export interface InputSource {
  create(context: ModuleContext): InputModule;
  commit(cursor: string): void;
}

export async function runConnector(options: RunOptions, source?: InputSource): Promise<RunSummary> {
  const { artifact, store } = options;
  const name = artifact.connector.metadata.name;
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const resolved = resolveSecrets(artifact.connector, options.env ?? process.env);
  if (resolved.missing.length > 0) {
    const names = resolved.missing.map((ref) => ref.raw).join(", ");
    throw new CannectorsError(ErrorCodes.SECRET_UNRESOLVED, `unresolved secret references: ${names}`);
  }
  const spec = resolved.value;
  const redactor = createRedactor(resolved.secrets);
  const dryRun = options.dryRun !== undefined;
  // A dry run writes no cursor, so it needs no lease and may run beside a real one.
  const leaseTtlMs = options.leaseTtlMs ?? 30_000;
  let leaseToken: string | undefined;
  if (!dryRun) {
    const attempt = store.leases.acquire(name, leaseTtlMs);
    if (!attempt.acquired) throw leaseHeldError(name, attempt.holder, store.path);
    leaseToken = attempt.token;
  }
  store.markInterrupted();
  const executionId = store.startExecution({
    connector: name,
    artifactHash: artifact.hash,
    dryRun,
    startedAt: new Date(started).toISOString(),
  });
  const logger = createLogger({
    level: options.logLevel ?? "info",
    redactor,
    sinks: [...(options.logSinks ?? []), historySink(store, executionId)],
    base: { connector: name, execution: executionId },
  });
  // Two levels: `stopping` ends the reading; `aborting` also cuts requests in flight.
  const stopping = new AbortController();
  const aborting = new AbortController();
  let drainTimer: NodeJS.Timeout | undefined;
  const onStop = () => {
    logger.warn("stop requested: finishing batches in flight", { drainTimeoutMs: options.drainTimeoutMs ?? 30_000 });
    stopping.abort(options.signal?.reason);
    drainTimer = setTimeout(() => aborting.abort(options.signal?.reason), options.drainTimeoutMs ?? 30_000);
  };
  if (options.signal?.aborted) onStop();
  else options.signal?.addEventListener("abort", onStop, { once: true });
  let leaseLost: CannectorsError | undefined;
  const renewal =
    leaseToken === undefined
      ? undefined
      : setInterval(() => {
          if (leaseLost || store.leases.renew(name, leaseToken, leaseTtlMs)) return;
          leaseLost = new CannectorsError(ErrorCodes.LEASE_LOST, `run of ${name} lost its lease to another run`);
          logger.error("lease lost: stopping without saving the cursor", { connector: name });
          stopping.abort(leaseLost);
          aborting.abort(leaseLost);
        }, leaseTtlMs / 3);
  renewal?.unref();

  const counts: RunCounts = { read: 0, filtered: 0, sent: 0, failed: 0, retries: 0 };
  const incremental = spec.input.type === "http" && source === undefined ? spec.input.incremental : undefined;
  const savedCursor = incremental ? store.getCursor(name) : undefined;
  const watermark = new Watermark(savedCursor);
  logger.info(dryRun ? "dry run started" : "run started", {
    artifact: artifact.file,
    hash: artifact.hash.slice(0, 12),
    ...(savedCursor === undefined ? {} : { cursor: savedCursor }),
  });
  let failure: unknown;
  let wiring: ReturnType<typeof wireModules> | undefined;
  try {
    wiring = wireModules(spec, {
      logger,
      redactor,
      clock,
      signal: aborting.signal,
      random: options.random,
      dryRun: options.dryRun,
      deadLetterPath: options.deadLetterPath,
      resolve: options.resolve,
      input: source?.create,
      onRetry: () => {
        counts.retries++;
      },
    });
    await pump({
      connector: name,
      input: wiring.input,
      filters: compileFilters(spec.filters),
      output: wiring.output,
      deadLetter: wiring.deadLetter,
      logger,
      batchSize: spec.output.batch?.size ?? 1,
      concurrency: spec.settings.concurrency,
      cursorField: incremental?.cursorField,
      watermark,
      counts,
      signal: stopping.signal,
      limit: options.limit,
      onCursor: (cursor) => {
        if (dryRun) return;
        if (source) source.commit(cursor);
        else store.setCursor(name, cursor, executionId, leaseToken);
      },
      onProgress: options.onProgress,
    });
  } catch (error) {
    failure = error;
  } finally {
    options.signal?.removeEventListener("abort", onStop);
    clearTimeout(drainTimer);
    clearInterval(renewal);
    if (wiring) await Promise.allSettled([wiring.output.close(), wiring.deadLetter.close(), wiring.client.close()]);
  }

  failure ??= leaseLost;
  const status: RunStatus = leaseLost
    ? "failed"
    : stopping.signal.aborted
      ? "cancelled"
      : failure !== undefined
        ? "failed"
        : counts.failed > 0
          ? "partial"
          : "succeeded";
  const error = failure === undefined ? undefined : redactor.redact(describeError(failure));
  if (error) logger.error("run failed", { error });
  const summary: RunSummary = {
    executionId,
    connector: name,
    artifactHash: artifact.hash,
    status,
    dryRun,
    counts: { ...counts },
    durationMs: clock.now() - started,
    cursor: watermark.committed,
    ...(wiring && wiring.deadLetter.count > 0 && wiring.deadLetterFile
      ? { deadLetterFile: wiring.deadLetterFile }
      : {}),
    ...(error ? { error } : {}),
  };
  logger.info(`run ${status}`, { ...counts, ms: summary.durationMs });
  store.finishExecution(executionId, {
    status,
    endedAt: new Date(clock.now()).toISOString(),
    counts,
    ...(error ? { error } : {}),
  });
  if (leaseToken !== undefined) store.leases.release(name, leaseToken);
  return summary;
}
