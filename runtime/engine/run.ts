import { durationMs, type HttpInput } from "../artifact/index.js";
import { createAuthenticator } from "../auth/index.js";
import { CannectorsError, describeError, ErrorCodes } from "../errors/index.js";
import { compileFilters } from "../filters/index.js";
import { createHttpInput } from "../input/index.js";
import { createLogger, historySink, type LogSink } from "../log/index.js";
import { createHttpClient } from "../net/http-client.js";
import { retryPolicyFrom } from "../net/retry.js";
import { type Clock, systemClock } from "../net/types.js";
import { createDeadLetterFile, createDryRunWriter, createHttpOutput } from "../output/index.js";
import { createRedactor, resolveSecrets } from "../secrets/index.js";
import type { StateStore } from "../state/index.js";
import type { LoadedArtifact } from "../validate/index.js";
import { allowedHostsOf } from "./hosts.js";
import { memoryDeadLetter } from "./memory-dead-letter.js";
import type { JsonRecord, ModuleContext, OutputRecord } from "./modules.js";
import { getPath } from "../json/path.js";
import { Watermark } from "./watermark.js";

export type RunStatus = "succeeded" | "partial" | "failed" | "cancelled";

export interface RunCounts {
  read: number;
  filtered: number;
  sent: number;
  failed: number;
}

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
  signal?: AbortSignal;
  clock?: Clock;
  random?: () => number;
  onProgress?: (counts: Readonly<RunCounts>) => void;
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

/**
 * Runs one connector once: pages are pulled only while fewer than `concurrency` batches are in
 * flight, so a slow target slows the source down instead of filling memory; the incremental
 * cursor is committed after every settled prefix of batches.
 */
export async function runConnector(options: RunOptions): Promise<RunSummary> {
  const { artifact, store } = options;
  const connector = artifact.connector;
  const name = connector.metadata.name;
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const resolved = resolveSecrets(connector, options.env ?? process.env);
  if (resolved.missing.length > 0) {
    const names = resolved.missing.map((ref) => ref.raw).join(", ");
    throw new CannectorsError(ErrorCodes.SECRET_UNRESOLVED, `unresolved secret references: ${names}`);
  }
  const spec = resolved.value;
  const redactor = createRedactor(resolved.secrets);
  store.markInterrupted();
  const executionId = store.startExecution({
    connector: name,
    artifactHash: artifact.hash,
    dryRun: options.dryRun !== undefined,
    startedAt: new Date(started).toISOString(),
  });
  const logger = createLogger({
    level: options.logLevel ?? "info",
    redactor,
    sinks: [...(options.logSinks ?? []), historySink(store, executionId)],
    base: { connector: name, execution: executionId },
  });
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const settings = spec.settings;
  const client = createHttpClient({
    allowedHosts: allowedHostsOf(spec),
    allowLinkLocal: settings.network.allowPrivateLinkLocal,
    connectTimeoutMs: durationMs(settings.timeouts.connect),
    requestTimeoutMs: durationMs(settings.timeouts.request),
    rateLimit: settings.rateLimit,
    clock,
    redactor,
  });
  const context: ModuleContext = {
    connectorName: name,
    client,
    logger,
    redactor,
    clock,
    retry: retryPolicyFrom(settings.retries),
    signal: controller.signal,
    ...(options.random ? { random: options.random } : {}),
  };
  const authContext = { client, clock, redactor, logger };
  const deadLetterFile = options.dryRun
    ? undefined
    : (options.deadLetterPath ?? spec.output.deadLetter?.path ?? `.cannectors/dead-letter/${name}.ndjson`);
  const deadLetter = deadLetterFile ? createDeadLetterFile(deadLetterFile, redactor) : memoryDeadLetter(logger);
  const input = createHttpInput(spec.input, { ...context, auth: createAuthenticator(spec.input.auth, authContext) });
  const output = createHttpOutput(spec.output, {
    ...context,
    auth: createAuthenticator(spec.output.auth, authContext),
    deadLetter,
    ...(options.dryRun ? { dryRun: createDryRunWriter((line) => options.dryRun?.write(line), redactor) } : {}),
  });

  const counts: RunCounts = { read: 0, filtered: 0, sent: 0, failed: 0 };
  let status: RunStatus = "succeeded";
  let failure: unknown;
  const savedCursor = spec.input.incremental ? store.getCursor(name) : undefined;
  const watermark = new Watermark(savedCursor);
  logger.info(options.dryRun ? "dry run started" : "run started", {
    artifact: artifact.file,
    hash: artifact.hash.slice(0, 12),
    ...(savedCursor === undefined ? {} : { cursor: savedCursor }),
  });
  try {
    await pump({
      spec: spec.input,
      input,
      output,
      filters: compileFilters(spec.filters),
      batchSize: spec.output.batch?.size ?? 1,
    });
  } catch (error) {
    failure = error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await Promise.allSettled([output.close(), deadLetter.close(), client.close()]);
  }

  if (controller.signal.aborted) status = "cancelled";
  else if (failure !== undefined) status = "failed";
  else if (counts.failed > 0) status = "partial";
  const error = failure === undefined ? undefined : redactor.redact(describeError(failure));
  if (error) logger.error("run failed", { error });
  const summary: RunSummary = {
    executionId,
    connector: name,
    artifactHash: artifact.hash,
    status,
    dryRun: options.dryRun !== undefined,
    counts: { ...counts },
    durationMs: clock.now() - started,
    cursor: watermark.committed,
    ...(deadLetter.count > 0 && deadLetterFile ? { deadLetterFile } : {}),
    ...(error ? { error } : {}),
  };
  logger.info(`run ${status}`, { ...counts, ms: summary.durationMs });
  store.finishExecution(executionId, {
    status,
    endedAt: new Date(clock.now()).toISOString(),
    counts,
    ...(error ? { error } : {}),
  });
  return summary;

  async function pump(parts: {
    spec: HttpInput;
    input: ReturnType<typeof createHttpInput>;
    output: ReturnType<typeof createHttpOutput>;
    filters: ReturnType<typeof compileFilters>;
    batchSize: number;
  }): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const cursorField = parts.spec.incremental?.cursorField;
    let batch: OutputRecord[] = [];
    let batchCursor: string | undefined;
    let seq = 0;
    let deliveryError: unknown;

    const dispatch = () => {
      const records = batch;
      const settle = watermark.open(batchCursor);
      batch = [];
      batchCursor = undefined;
      const delivery = (
        records.length === 0 ? Promise.resolve({ delivered: 0, deadLettered: 0 }) : parts.output.deliver(records)
      )
        .then((result) => {
          counts.sent += result.delivered;
          counts.failed += result.deadLettered;
          const before = watermark.committed;
          const after = settle();
          if (after !== undefined && after !== before && !options.dryRun) store.setCursor(name, after, executionId);
          options.onProgress?.(counts);
        })
        .catch((error: unknown) => {
          deliveryError ??= error;
        })
        .finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    };

    try {
      pages: for await (const page of parts.input.pages(savedCursor)) {
        for (const source of page.records) {
          if (controller.signal.aborted || deliveryError !== undefined) break pages;
          if (options.limit !== undefined && counts.read >= options.limit) break pages;
          counts.read++;
          const record = source as JsonRecord;
          if (cursorField !== undefined) {
            const value = getPath(record, cursorField);
            if (value !== undefined && value !== null) batchCursor = String(value);
          }
          const produced = runFilters(record, seq, page.url);
          if (produced?.length === 0) counts.filtered++;
          for (const value of produced ?? []) batch.push({ seq, value });
          seq++;
          if (batch.length >= parts.batchSize) {
            dispatch();
            while (inFlight.size >= settings.concurrency) await Promise.race(inFlight);
          }
        }
        options.onProgress?.(counts);
        if (options.limit !== undefined && counts.read >= options.limit) break;
      }
      // Trailing records (and trailing filtered ones, so the cursor moves past them too).
      if (!controller.signal.aborted && deliveryError === undefined && (batch.length > 0 || batchCursor !== undefined))
        dispatch();
    } finally {
      await Promise.allSettled([...inFlight]);
    }
    if (deliveryError !== undefined) throw deliveryError;

    function runFilters(record: JsonRecord, index: number, pageUrl: string): JsonRecord[] | undefined {
      try {
        return parts.filters(record, index);
      } catch (error) {
        // One bad record must not sink the run: it goes to the dead letter with the reason.
        counts.failed++;
        const reason = describeError(error);
        logger.warn("record failed in filters", { seq: index, page: pageUrl, error: reason });
        deadLetter.write({
          connector: name,
          seq: index,
          record,
          status: null,
          reason,
          responseExcerpt: "",
          attempts: 0,
        });
        return undefined;
      }
    }
  }
}
