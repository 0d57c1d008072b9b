import type { Connector } from "../artifact/index.js";
import { CannectorsError, describeError, type ErrorCode, ErrorCodes, isCannectorsError } from "../errors/index.js";
import { withExpressionBudget } from "../expr/budget/limits.js";
import { compileFilterChain } from "../filters/index.js";
import { outputBatchSize, outputLeaves } from "../modules/catalogue.js";
import { createLogger, historySink, type LogSink } from "../log/index.js";
import type { Logger } from "../log/types.js";
import type { LookupFunction } from "../net/address-guard.js";
import { type Clock, systemClock } from "../net/types.js";
import { createRedactor, resolvedUrlProblems, resolveSecrets, unusedInDryRun } from "../secrets/index.js";
import type { Redactor } from "../secrets/types.js";
import { refreshTokenVault } from "../auth/refresh-token-vault.js";
import { type StateKey, type StateStore, stateKeyFrom } from "../state/index.js";
import type { ContractViolations } from "../contract/violation.js";
import type { LoadedArtifact } from "../validate/index.js";
import type { InputModule, ModuleContext } from "./modules.js";
import { pump, type RunCounts } from "./pump.js";
import { groupingRecordFailures } from "./failure-groups.js";
import { acquireRunLease, type RunLease } from "./run-lease.js";
import { type RunStatus, runStatus } from "./run-status.js";
import { createRunStop } from "./run-stop.js";
import { type Tracing, tracedClient } from "../trace/index.js";
import { cursorWriter } from "./cursor-writer.js";
import { createStateDeadLetter } from "./dead-letter-state.js";
import { Watermark } from "./watermark.js";
import { type WiringOptions, wireModules } from "./wiring.js";

export type { RunCounts } from "./pump.js";
export type { RunStatus } from "./run-status.js";

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
  /** "state": dead letters go to the state database's table instead of a file (default "file"). */
  deadLetters?: "file" | "state" | undefined;
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
  /** Wraps the run's HTTP client: `run --record` keeps every exchange, `cannectors test` answers from them. */
  wrapClient?: WiringOptions["wrapClient"];
  /**
   * The target's spec when known beyond `output.contract` (a TypeScript connector's types header,
   * `--target-spec`): a dry run checks every planned payload against it, and a record it refuses fails.
   */
  targetSpec?: string;
  /** Check payloads against the target's contract in a real (replayed) run too, reporting only. */
  checkContract?: boolean;
  /**
   * Opens the refresh tokens an oauth2AuthorizationCode auth stored in `store`; default: from
   * CANNECTORS_STATE_KEY in `env`. Only read when a module uses that auth.
   */
  stateKey?: StateKey;
  /** Spans for the run and each request it sends (runtime/trace); none when undefined. */
  tracing?: Tracing | undefined;
  /** Serve's watch on a broker input: it consumes until serve stops it, and reports its connection and messages. */
  broker?: WiringOptions["broker"];
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
  /** The state database holding this run's dead letters (`deadLetters: "state"`), when there are some. */
  deadLetterState?: string | undefined;
  error?: string | undefined;
  /** The stable code of the error that failed the run (CANNECTORS_E_STATE: the state database). */
  errorCode?: ErrorCode | undefined;
  /** When payloads were checked against the target's contract: the violations found (none: count 0). */
  contract?: ContractViolations | undefined;
}

/**
 * An input that replaces the artifact's own (the webhook queue): its module, and what a committed
 * cursor means to it instead of the incremental cursor.
 */
export interface InputSource {
  create(context: ModuleContext): InputModule;
  /** Its records have been through the filters already (a dead-letter replay): they go straight out. */
  afterFilters?: boolean;
  /** Each page is one output request, whatever `batch.size` (a replay re-forms the requests that failed). */
  pageIsBatch?: boolean;
  /** Replaces the connector's output tree (a dead-letter replay: each record to the output that failed it). */
  output?: WiringOptions["output"];
  /** Awaited under the connector's lease before `create` (a replay reads its dead letters here). */
  prepare?(): Promise<void>;
  commit(cursor: string): unknown;
}

/**
 * Runs one connector once and records the execution, its logs and its cursor in the state store.
 * The lease is taken first and released in `finally`, whatever fails after it (the history, the
 * modules, recording the end): a run never leaves its connector blocked.
 */
export async function runConnector(options: RunOptions, source?: InputSource): Promise<RunSummary> {
  const name = options.artifact.connector.metadata.name;
  const env = options.env ?? process.env;
  const resolved = resolveSecrets(
    options.artifact.connector,
    env,
    options.dryRun === undefined ? {} : { optional: unusedInDryRun },
  );
  if (resolved.missing.length > 0) {
    const names = resolved.missing.map((ref) => ref.raw).join(", ");
    throw new CannectorsError(ErrorCodes.SECRET_UNRESOLVED, `unresolved references: ${names}`);
  }
  const badUrls = resolvedUrlProblems(options.artifact.connector, env);
  if (badUrls.length > 0) {
    throw new CannectorsError(ErrorCodes.CONFIG_INVALID, badUrls.map((problem) => problem.message).join("; "));
  }
  // Before any network call or state write: a missing or malformed key is a configuration error.
  const stateKey = usesAuthorizationCode(resolved.value) ? (options.stateKey ?? stateKeyFrom(env)) : undefined;
  const redactor = createRedactor(resolved.secrets);
  // A dry run writes no cursor, so it needs no lease and may run beside a real one.
  const lease =
    options.dryRun === undefined ? await acquireRunLease(options.store, name, options.leaseTtlMs ?? 30_000) : undefined;
  let logger: Logger | undefined;
  try {
    const withKey = stateKey === undefined ? options : { ...options, stateKey };
    return await runRecorded(withKey, source, resolved.value, redactor, lease, (created) => {
      logger = created;
    });
  } finally {
    await lease?.release((error) =>
      logger?.warn("lease not released: it expires on its own", { error: redactor.redact(describeError(error)) }),
    );
  }
}

/** The recorded part of a run: the execution row, its log, the pump, and the row's final status. */
async function runRecorded(
  options: RunOptions,
  source: InputSource | undefined,
  spec: Connector,
  redactor: Redactor,
  lease: RunLease | undefined,
  onLogger: (logger: Logger) => void,
): Promise<RunSummary> {
  const { artifact, store } = options;
  const name = artifact.connector.metadata.name;
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const dryRun = options.dryRun !== undefined;
  await store.markInterrupted();
  const executionId = await store.startExecution({
    connector: name,
    artifactHash: artifact.hash,
    dryRun,
    startedAt: new Date(started).toISOString(),
  });
  const logger = groupingRecordFailures(
    createLogger({
      level: options.logLevel ?? "info",
      redactor,
      sinks: [...(options.logSinks ?? []), historySink(store, executionId)],
      base: { connector: name, execution: executionId },
    }),
  );
  onLogger(logger);
  const runSpan = options.tracing?.startRun(name, {
    "cannectors.execution_id": executionId,
    "cannectors.dry_run": dryRun,
  });
  const propagate = spec.settings.tracing?.propagate === true;
  const wrapClient: WiringOptions["wrapClient"] = runSpan
    ? (client, redactor) =>
        tracedClient(options.wrapClient ? options.wrapClient(client, redactor) : client, runSpan, redactor, propagate)
    : options.wrapClient;
  const stop = createRunStop(options.signal, options.drainTimeoutMs ?? 30_000, logger);
  lease?.keep((lost) => {
    logger.error("lease lost: stopping without saving the cursor", { connector: name });
    stop.abort(lost);
  });

  const cursors = cursorWriter(
    (cursor) => (source ? source.commit(cursor) : store.setCursor(name, cursor, executionId, lease?.token)),
    (error) => stop.abort(error),
  );
  let wiring: ReturnType<typeof wireModules> | undefined;
  const counts: RunCounts = { read: 0, filtered: 0, sent: 0, failed: 0, retries: 0, resentOneByOne: 0 };
  const polled = spec.input.type === "http" && source === undefined ? spec.input : undefined;
  const incremental = polled?.incremental;
  // A SQL input's cursor is a page's (column, key), not a record field: the page carries it.
  const sqlCursor = spec.input.type === "sql" && source === undefined && spec.input.incremental !== undefined;
  // With dependent requests the input keeps its own cursor (parent and per-parent child cursors) on its pages.
  const pageCursors = polled?.children !== undefined || sqlCursor;
  const keepsCursor = incremental !== undefined || polled?.children?.incremental !== undefined || sqlCursor;
  const savedCursor = keepsCursor ? await store.getCursor(name) : undefined;
  const watermark = new Watermark(savedCursor);
  logger.info(dryRun ? "dry run started" : "run started", {
    artifact: artifact.file,
    hash: artifact.hash.slice(0, 12),
    ...(savedCursor === undefined ? {} : { cursor: savedCursor }),
  });
  let failure: unknown;
  try {
    await source?.prepare?.();
    wiring = wireModules(spec, {
      logger,
      redactor,
      clock,
      signal: stop.aborting,
      random: options.random,
      dryRun: options.dryRun,
      deadLetterPath: options.deadLetterPath,
      deadLetterSink:
        options.deadLetters === "state"
          ? (redactor) => createStateDeadLetter(store.deadLetters, executionId, redactor, () => clock.now())
          : undefined,
      resolve: options.resolve,
      wrapClient,
      targetSpec: options.targetSpec,
      checkContract: options.checkContract,
      refreshTokens: options.stateKey && refreshTokenVault(store, options.stateKey, name, artifact.file),
      input: source?.create,
      output: source?.output,
      broker: options.broker,
      onRetry: () => {
        counts.retries++;
      },
      onSplit: () => {
        counts.resentOneByOne++;
      },
    });
    await pump({
      connector: name,
      input: wiring.input,
      filters: withExpressionBudget(spec.settings.limits?.expression, () =>
        compileFilterChain(source?.afterFilters ? [] : spec.filters, wiring!.filters),
      ),
      output: wiring.output,
      deadLetter: wiring.deadLetter,
      logger,
      batchSize: source?.pageIsBatch ? Number.POSITIVE_INFINITY : outputBatchSize(spec.output),
      pageIsBatch: source?.pageIsBatch === true,
      concurrency: spec.settings.concurrency,
      cursorField: pageCursors ? undefined : incremental?.cursorField,
      watermark,
      counts,
      signal: stop.stopping,
      limit: options.limit,
      onCursor: (cursor) => {
        if (dryRun) return undefined;
        const durable = cursors.save(cursor);
        // A polling run's batches wait for a durable cursor (issue 18); a source (webhooks) acknowledges on its own terms.
        return source ? undefined : durable;
      },
      onProgress: options.onProgress,
    });
    // Dead letters no batch waited for (a trailing filter failure) are durable, or fail the run, before it ends.
    await wiring.deadLetter.durable?.();
    // A full sync's clean-up (deleteMissing) runs only when this run read everything and lost nothing.
    const fullRun = !keepsCursor && options.limit === undefined && !stop.stopping.aborted;
    if (wiring.output.complete && fullRun && !dryRun && counts.failed === 0) await wiring.output.complete();
  } catch (error) {
    failure = error;
  } finally {
    stop.dispose();
    if (wiring) await Promise.allSettled([wiring.output.close(), wiring.deadLetter.close(), wiring.client.close()]);
    logger.flush();
  }
  // The cursor is saved once its last write is done; a write that failed fails the run (it stopped it, too).
  const cursorFailure = await cursors.settled();
  failure ??= cursorFailure;
  // After the last acknowledgement: what is still unacknowledged goes back to the broker.
  await wiring?.input.close?.().catch((error: unknown) => {
    logger.warn("input not closed cleanly", { error: redactor.redact(describeError(error)) });
  });

  const leaseLost = lease?.lost;
  failure ??= leaseLost;
  const status = runStatus({
    leaseLost: leaseLost !== undefined,
    stopped: stop.stopping.aborted && cursorFailure === undefined,
    failure,
    deadLettered: counts.failed,
    delivered: counts.sent,
  });
  const error =
    failure !== undefined
      ? redactor.redact(describeError(failure))
      : status === "failed"
        ? `every record failed: ${counts.failed} dead-lettered, none delivered`
        : undefined;
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
    ...(wiring && wiring.deadLetter.count > 0 && options.deadLetters === "state" && !dryRun
      ? { deadLetterState: store.path }
      : {}),
    ...(error ? { error } : {}),
    ...(isCannectorsError(failure) ? { errorCode: failure.code } : {}),
    ...(wiring?.contract ? { contract: wiring.contract.result } : {}),
  };
  logger.info(`run ${status}`, { ...counts, ms: summary.durationMs });
  if (runSpan) {
    runSpan.setAttributes({
      "cannectors.status": status,
      "cannectors.records.read": counts.read,
      "cannectors.records.sent": counts.sent,
      "cannectors.records.failed": counts.failed,
    });
    if (status === "failed") runSpan.fail(error ?? "failed");
    runSpan.end();
  }
  await store.finishExecution(executionId, {
    status,
    endedAt: new Date(clock.now()).toISOString(),
    counts,
    ...(error ? { error } : {}),
  });
  if (!dryRun && (spec.settings.notifications?.length ?? 0) > 0) {
    // After the end is recorded, so the alert's streak counts this run; never changes the status.
    // Loaded only when used: the signing library is start-up time every other run would pay.
    const { notifyRunEnd } = await import("../notify/index.js");
    await notifyRunEnd(spec.settings, summary, {
      store,
      clock,
      redactor,
      resolve: options.resolve,
      random: options.random,
      warn: (message, fields) => logger.warn(message, fields),
    });
    logger.flush();
  }
  return summary;
}

/** Whether a module (an enrich filter included) authenticates with a refresh token kept in the state store. */
function usesAuthorizationCode(spec: Connector): boolean {
  // A lookup (enrich) authenticates like an input or an output.
  return [spec.input, ...outputLeaves(spec.output), ...spec.filters].some(
    (module) => "auth" in module && (module.auth as { type?: string } | undefined)?.type === "oauth2AuthorizationCode",
  );
}
