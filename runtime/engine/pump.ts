import { describeError } from "../errors/index.js";
import type { CompiledFilters } from "../filters/index.js";
import { failpoint } from "../failpoints/index.js";
import { getPath } from "../json/path.js";
import type { Logger } from "../log/types.js";
import type { DeadLetterSink, InputModule, JsonRecord, OutputModule, OutputRecord, RecordFailure } from "./modules.js";
import { InFlight } from "./in-flight.js";
import { type NextValue, TieSafeCursor, UNKNOWN_NEXT } from "./tie-safe-cursor.js";
import type { Watermark } from "./watermark.js";

/** A page told when settled: one count for its reading, one per batch holding its records. */
interface PageSettle {
  left: number;
  settled: () => void;
}

function releasePage(page: PageSettle): void {
  if (--page.left === 0) page.settled();
}

export interface RunCounts {
  read: number;
  filtered: number;
  sent: number;
  failed: number;
  /** Requests retried after a transient failure, source pages and output batches alike. */
  retries: number;
  /** Batches the target rejected that were resent one record at a time (to dead-letter only the bad ones). */
  resentOneByOne: number;
}

export interface PumpOptions {
  connector: string;
  input: InputModule;
  filters: CompiledFilters;
  output: OutputModule;
  deadLetter: DeadLetterSink;
  logger: Logger;
  batchSize: number;
  /** Dispatch what a page produced as one batch at the page's end (a dead-letter replay's requests). */
  pageIsBatch?: boolean;
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
  const inFlight = new InFlight();
  let batch: OutputRecord[] = [];
  let batchCursor: string | undefined;
  let seq = 0;
  let deliveryError: unknown;
  // Pages with a `settled` hook whose records sit in the open batch: told once every batch holding them settled.
  let batchPages: PageSettle[] = [];
  const limitReached = () => options.limit !== undefined && counts.read >= options.limit;
  const ties = new TieSafeCursor();
  // A batch that ends a page waits for the next record to know whether it split a tie.
  let held: ((next: NextValue) => void) | undefined;
  const resolveHeld = (next: NextValue) => {
    const release = held;
    held = undefined;
    release?.(next);
  };
  const cursorOf = (record: unknown): string | undefined => {
    if (options.cursorField === undefined) return undefined;
    const value = getPath(record as JsonRecord, options.cursorField);
    return value === undefined || value === null ? undefined : String(value);
  };
  const commit = (move: () => string | undefined) => {
    const before = watermark.committed;
    const after = move();
    if (after !== undefined && after !== before) options.onCursor(after);
  };

  const dispatch = (next: NextValue) => {
    const records = batch;
    const fromRecords = batchCursor !== undefined && batchCursor === ties.last;
    const decide = ties.snapshot();
    const hold = fromRecords && next === UNKNOWN_NEXT;
    const segment = watermark.openHeld(fromRecords ? (hold ? undefined : decide(next)) : batchCursor, hold);
    if (hold) held = (later) => commit(() => segment.release(decide(later)));
    const pagesOfBatch = batchPages;
    batch = [];
    batchCursor = undefined;
    batchPages = [];
    const sent =
      records.length === 0 ? Promise.resolve({ delivered: 0, deadLettered: 0 }) : options.output.deliver(records);
    inFlight.start();
    // One reaction per batch (not then/catch/finally: three promises per record in single mode).
    sent.then(
      (result) => {
        try {
          counts.sent += result.delivered;
          counts.failed += result.deadLettered;
          if (records.length > 0) failpoint("after-ack-before-commit");
          commit(segment.settle);
          for (const page of pagesOfBatch) releasePage(page);
          options.onProgress?.(counts);
        } catch (error) {
          deliveryError ??= error;
        } finally {
          inFlight.finish();
        }
      },
      (error: unknown) => {
        deliveryError ??= error;
        inFlight.finish();
      },
    );
  };

  // The cursor value of the record after the last one read: none at the end of the stream.
  let after: NextValue;
  let inputFailed = false;
  try {
    pages: for await (const page of options.input.pages(watermark.committed)) {
      const { records } = page;
      const settle: PageSettle | undefined = page.settled ? { left: 1, settled: page.settled } : undefined;
      for (let index = 0; index < records.length; index++) {
        const record = records[index] as JsonRecord;
        const value = cursorOf(record);
        resolveHeld(value);
        if (signal.aborted || deliveryError !== undefined || limitReached()) {
          after = value;
          break pages;
        }
        counts.read++;
        ties.read(value);
        if (value !== undefined) batchCursor = value;
        // A page-level cursor is reached with the page's last record: the batch holding it carries it.
        if (index === records.length - 1 && page.cursor !== undefined) batchCursor = page.cursor;
        const failure = page.failures?.get(index);
        const produced = failure ? deadLetterUnread(failure, seq, page.url) : applyFilters(record, seq, page.url);
        if (produced?.length === 0) counts.filtered++;
        for (const value of produced ?? []) batch.push({ seq, value });
        if (settle !== undefined && batchPages[batchPages.length - 1] !== settle) {
          settle.left++;
          batchPages.push(settle);
        }
        seq++;
        if (batch.length >= options.batchSize) {
          dispatch(index + 1 < records.length ? cursorOf(records[index + 1]) : UNKNOWN_NEXT);
          const slot = inFlight.below(options.concurrency);
          if (slot !== undefined) await slot;
        }
      }
      if (records.length === 0 && page.cursor !== undefined) batchCursor = page.cursor;
      if (settle !== undefined) releasePage(settle);
      const flush = page.flush === true && (batch.length > 0 || batchCursor !== undefined || batchPages.length > 0);
      if ((options.pageIsBatch && batch.length > 0) || flush) {
        dispatch(UNKNOWN_NEXT);
        const slot = inFlight.below(options.concurrency);
        if (slot !== undefined) await slot;
      }
      options.onProgress?.(counts);
      if (limitReached()) {
        after = UNKNOWN_NEXT;
        break;
      }
    }
  } catch (error) {
    inputFailed = true;
    after = UNKNOWN_NEXT;
    throw error;
  } finally {
    try {
      resolveHeld(after);
      // Trailing records, and trailing filtered ones so the cursor moves past them too.
      const trailing = batch.length > 0 || batchCursor !== undefined || batchPages.length > 0;
      if (!inputFailed && !signal.aborted && deliveryError === undefined && trailing) dispatch(after);
    } catch (error) {
      deliveryError ??= error;
    }
    await inFlight.below(1);
  }
  if (deliveryError !== undefined) throw deliveryError;

  function deadLetterUnread(failure: RecordFailure, index: number, pageUrl: string): undefined {
    // A record the input could not read (too deep, a key twice...) is its own failure, like a filter's.
    counts.failed++;
    options.logger.warn("record could not be read", { seq: index, page: pageUrl, error: failure.reason });
    options.deadLetter.write({
      connector: options.connector,
      seq: index,
      record: {},
      status: null,
      reason: failure.reason,
      responseExcerpt: "",
      attempts: 0,
      source: failure.source,
    });
    return undefined;
  }

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
