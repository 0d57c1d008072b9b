import { describeError } from "../errors/index.js";
import type { CompiledFilters } from "../filters/index.js";
import { getPath } from "../json/path.js";
import type { Logger } from "../log/types.js";
import type { DeadLetterSink, InputModule, JsonRecord, OutputModule, OutputRecord } from "./modules.js";
import type { Watermark } from "./watermark.js";

export interface RunCounts {
  read: number;
  filtered: number;
  sent: number;
  failed: number;
}

export interface PumpOptions {
  connector: string;
  input: InputModule;
  filters: CompiledFilters;
  output: OutputModule;
  deadLetter: DeadLetterSink;
  logger: Logger;
  batchSize: number;
  concurrency: number;
  /** Record field whose value becomes the incremental cursor; undefined without incremental sync. */
  cursorField: string | undefined;
  watermark: Watermark;
  counts: RunCounts;
  signal: AbortSignal;
  limit?: number | undefined;
  /** Called when the settled prefix moves the cursor forwards. */
  onCursor(cursor: string): void;
  onProgress?: ((counts: Readonly<RunCounts>) => void) | undefined;
}

/**
 * Moves records from the input through the filters to the output. Pages are pulled only while
 * fewer than `concurrency` batches are in flight, so a slow target slows the source down instead
 * of filling memory. A failed page stops the reading but lets in-flight batches settle, so the
 * cursor covers everything that was acknowledged.
 */
export async function pump(options: PumpOptions): Promise<void> {
  const { counts, watermark, signal } = options;
  const inFlight = new Set<Promise<void>>();
  let batch: OutputRecord[] = [];
  let batchCursor: string | undefined;
  let seq = 0;
  let deliveryError: unknown;
  const limitReached = () => options.limit !== undefined && counts.read >= options.limit;

  const dispatch = () => {
    const records = batch;
    const settle = watermark.open(batchCursor);
    batch = [];
    batchCursor = undefined;
    const sent =
      records.length === 0 ? Promise.resolve({ delivered: 0, deadLettered: 0 }) : options.output.deliver(records);
    const delivery = sent
      .then((result) => {
        counts.sent += result.delivered;
        counts.failed += result.deadLettered;
        const before = watermark.committed;
        const after = settle();
        if (after !== undefined && after !== before) options.onCursor(after);
        options.onProgress?.(counts);
      })
      .catch((error: unknown) => {
        deliveryError ??= error;
      })
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  };

  try {
    pages: for await (const page of options.input.pages(watermark.committed)) {
      for (const source of page.records) {
        if (signal.aborted || deliveryError !== undefined || limitReached()) break pages;
        counts.read++;
        const record = source as JsonRecord;
        if (options.cursorField !== undefined) {
          const value = getPath(record, options.cursorField);
          if (value !== undefined && value !== null) batchCursor = String(value);
        }
        const produced = applyFilters(record, seq, page.url);
        if (produced?.length === 0) counts.filtered++;
        for (const value of produced ?? []) batch.push({ seq, value });
        seq++;
        if (batch.length >= options.batchSize) {
          dispatch();
          while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
        }
      }
      options.onProgress?.(counts);
      if (limitReached()) break;
    }
    // Trailing records, and trailing filtered ones so the cursor moves past them too.
    if (!signal.aborted && deliveryError === undefined && (batch.length > 0 || batchCursor !== undefined)) dispatch();
  } finally {
    await Promise.allSettled([...inFlight]);
  }
  if (deliveryError !== undefined) throw deliveryError;

  function applyFilters(record: JsonRecord, index: number, pageUrl: string): JsonRecord[] | undefined {
    try {
      return options.filters(record, index);
    } catch (error) {
      // One bad record must not sink the run: it goes to the dead letter with the reason.
      counts.failed++;
      const reason = describeError(error);
      options.logger.warn("record failed in filters", { seq: index, page: pageUrl, error: reason });
      options.deadLetter.write({
        connector: options.connector,
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
