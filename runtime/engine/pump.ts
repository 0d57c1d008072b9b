import { describeError } from "../errors/index.js";
import type { PagedFilters } from "../filters/index.js";
import type { ItemFailure, PageItem } from "../filters/step.js";
import { failpoint } from "../failpoints/index.js";
import { getPath } from "../json/path.js";
import type { DeliveryResult, JsonRecord, OutputRecord, RecordFailure, SourcePage } from "./modules.js";
import { InFlight } from "./in-flight.js";
import type { PumpOptions } from "./pump-options.js";
import { type NextValue, TieSafeCursor, UNKNOWN_NEXT } from "./tie-safe-cursor.js";

/** A page told when settled: one count for its reading, one per batch holding its records. */
interface PageSettle {
  left: number;
  settled: () => void;
}

function releasePage(page: PageSettle): void {
  if (--page.left === 0) page.settled();
}

export type { PumpOptions, RunCounts } from "./pump-options.js";

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
  let batchGeneration = 0;
  // Pages read through page-level filters, not yet settled: a filter may still hold their records (an
  // aggregate's window), so each is tied to every batch filled while it waits, and let go once none is held.
  let pagedSettles: PageSettle[] = [];
  let pagedTouchedAt = -1;
  const touchPaged = () => {
    if (pagedTouchedAt === batchGeneration) return;
    pagedTouchedAt = batchGeneration;
    for (const settle of pagedSettles) {
      settle.left++;
      batchPages.push(settle);
    }
  };
  /** Nothing is held any more: the pages read so far settle with the open batch (their last records' batch). */
  const releasePaged = () => {
    if (pagedSettles.length === 0) return;
    pagedTouchedAt = -1;
    touchPaged();
    for (const settle of pagedSettles) releasePage(settle);
    pagedSettles = [];
  };
  const limitReached = () => options.limit !== undefined && counts.read >= options.limit;
  const ties = new TieSafeCursor();
  // A batch that ends a page waits for the next record to know whether it split a tie.
  let held: ((next: NextValue) => boolean) | undefined;
  /** True when the cursor it released is not durable yet: it took a slot, so wait for one before sending more. */
  const resolveHeld = (next: NextValue): boolean => {
    const release = held;
    held = undefined;
    return release?.(next) === true;
  };
  const cursorOf = (record: unknown): string | undefined => {
    if (options.cursorField === undefined) return undefined;
    const value = getPath(record as JsonRecord, options.cursorField);
    return value === undefined || value === null ? undefined : String(value);
  };
  const finishSlot = () => inFlight.finish();
  /** Returns true when the cursor it moved is not durable yet and holds a slot until it is. */
  const commit = (move: () => string | undefined): boolean => {
    const before = watermark.committed;
    const after = move();
    if (after === undefined || after === before) return false;
    const durable = options.onCursor(after);
    // Not durable yet (PostgreSQL state): what this cursor covers keeps a concurrency slot until it is,
    // so a kill re-sends at most `concurrency` batches, as with a store that writes synchronously.
    if (durable !== undefined) {
      inFlight.start();
      durable.then(finishSlot, finishSlot);
      return true;
    }
    return false;
  };

  /**
   * Sends the batch. `carry` false: the batch ends inside what one source record produced (a split
   * record's children, a page-level filter's page), so it moves no cursor; the batch that ends it does.
   */
  const dispatch = (next: NextValue, carry = true) => {
    const records = batch;
    let segment: { settle(): string | undefined };
    if (carry) {
      const fromRecords = batchCursor !== undefined && batchCursor === ties.last;
      const decide = ties.snapshot();
      const hold = fromRecords && next === UNKNOWN_NEXT;
      const opened = watermark.openHeld(fromRecords ? (hold ? undefined : decide(next)) : batchCursor, hold);
      if (hold) held = (later) => commit(() => opened.release(decide(later)));
      segment = opened;
      batchCursor = undefined;
    } else {
      segment = watermark.openHeld(undefined, false);
    }
    batch = [];
    const pagesOfBatch = batchPages;
    batchPages = [];
    batchGeneration++;
    const sent =
      records.length === 0 ? Promise.resolve({ delivered: 0, deadLettered: 0 }) : options.output.deliver(records);
    inFlight.start();
    // One reaction per batch (not then/catch/finally: three promises per record in single mode).
    const settleBatch = (result: DeliveryResult) => {
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
    };
    const failBatch = (error: unknown) => {
      deliveryError ??= error;
      inFlight.finish();
    };
    sent.then((result) => {
      // The batch's dead letters (the output's, the filters') are durable before it settles.
      const durable = options.deadLetter.durable?.();
      if (durable === undefined) settleBatch(result);
      else durable.then(() => settleBatch(result), failBatch);
    }, failBatch);
  };

  const paged = typeof options.filters === "function" ? undefined : options.filters;
  const perRecord = typeof options.filters === "function" ? options.filters : undefined;
  // The cursor value of the record after the last one read: none at the end of the stream.
  let after: NextValue;
  let inputFailed = false;
  try {
    pages: for await (const page of options.input.pages(watermark.committed)) {
      const { records } = page;
      const settle: PageSettle | undefined = page.settled ? { left: 1, settled: page.settled } : undefined;
      const touch = () => {
        if (settle !== undefined && batchPages[batchPages.length - 1] !== settle) {
          settle.left++;
          batchPages.push(settle);
        }
      };
      if (paged !== undefined) {
        if (await pagedPage(page, paged)) break;
        continue;
      }
      for (let index = 0; index < records.length; index++) {
        const record = records[index] as JsonRecord;
        const value = cursorOf(record);
        if (resolveHeld(value)) {
          const slot = inFlight.below(options.concurrency);
          if (slot !== undefined) await slot;
        }
        if (signal.aborted || deliveryError !== undefined || limitReached()) {
          after = value;
          // A page cut short still settles what of it was read (its batches told it when).
          if (settle !== undefined && page.cut !== undefined) {
            page.cut(index);
            releasePage(settle);
          }
          break pages;
        }
        counts.read++;
        ties.read(value);
        if (value !== undefined) batchCursor = value;
        // A page-level cursor is reached with the page's last record: the batch holding it carries it.
        if (index === records.length - 1 && page.cursor !== undefined) batchCursor = page.cursor;
        const failure = page.failures?.get(index);
        const produced = failure ? deadLetterUnread(failure, seq, page.url) : applyFilters(record, seq, page.url);
        if (produced !== undefined) {
          const last = produced.length - 1;
          if (last === -1) counts.filtered++;
          for (let k = 0; k <= last; k++) {
            batch.push({ seq, value: produced[k]! });
            touch();
            // A split record's children may span batches: only the batch with its last child moves the cursor.
            if (k < last && batch.length >= options.batchSize) {
              dispatch(UNKNOWN_NEXT, false);
              const slot = inFlight.below(options.concurrency);
              if (slot !== undefined) await slot;
            }
          }
        }
        // A filtered or dead-lettered record settles with the open batch.
        touch();
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
      if (resolveHeld(after)) {
        const slot = inFlight.below(options.concurrency);
        if (slot !== undefined) await slot;
      }
      const going = () => !inputFailed && !signal.aborted && deliveryError === undefined;
      // What a page-level filter still holds (an aggregate's window) goes out before the end.
      if (paged !== undefined && going()) {
        if (paged.holding) await pagedOut(await paged.flush(), "");
        releasePaged();
      }
      // Trailing records, and trailing filtered ones so the cursor moves past them too.
      const trailing = batch.length > 0 || batchCursor !== undefined || batchPages.length > 0;
      if (going() && trailing) dispatch(after);
    } catch (error) {
      deliveryError ??= error;
    }
    await inFlight.below(1);
  }
  if (deliveryError !== undefined) throw deliveryError;

  /**
   * One page through page-level filters: every record is read first (cursor values, limit, stop),
   * the filters run on the page, then what they pass on is batched in order. Batches inside the page
   * carry no cursor; the page's last batch carries it, unless a filter still holds some of the
   * page's records (an aggregate's window), whose own batch carries it later. Returns true to stop.
   */
  async function pagedPage(page: SourcePage, filters: PagedFilters): Promise<boolean> {
    const { records } = page;
    const items: PageItem[] = [];
    let stop = false;
    if (page.settled !== undefined) {
      pagedSettles.push({ left: 1, settled: page.settled });
      // Touched again from the next record on, this page with the others (a second touch is released twice).
      pagedTouchedAt = -1;
    }
    for (let index = 0; index < records.length; index++) {
      const record = records[index] as JsonRecord;
      const value = cursorOf(record);
      if (resolveHeld(value)) {
        const slot = inFlight.below(options.concurrency);
        if (slot !== undefined) await slot;
      }
      if (signal.aborted || deliveryError !== undefined || limitReached()) {
        after = value;
        stop = true;
        // Only what was read is acknowledged; the source keeps the rest of the page.
        if (page.settled !== undefined) page.cut?.(index);
        break;
      }
      counts.read++;
      ties.read(value);
      if (value !== undefined) batchCursor = value;
      if (index === records.length - 1 && page.cursor !== undefined) batchCursor = page.cursor;
      const failure = page.failures?.get(index);
      if (failure) deadLetterUnread(failure, seq, page.url);
      else items.push({ seq, value: record });
      seq++;
    }
    if (records.length === 0 && page.cursor !== undefined) batchCursor = page.cursor;
    const result = await filters.page(items);
    if (signal.aborted || deliveryError !== undefined) return true;
    countFiltered(items, result.items, result.failures);
    await pagedOut(result, page.url);
    if (!filters.holding) releasePaged();
    const flush = page.flush === true && batchPages.length > 0;
    if (!stop && !filters.holding && (batch.length > 0 || batchCursor !== undefined || flush)) {
      dispatch(UNKNOWN_NEXT);
      const slot = inFlight.below(options.concurrency);
      if (slot !== undefined) await slot;
    }
    options.onProgress?.(counts);
    if (!stop && limitReached()) {
      after = UNKNOWN_NEXT;
      stop = true;
    }
    return stop;
  }

  /** Dead-letters a page-level result's failures and batches its records; full batches go out cursor-less. */
  async function pagedOut(result: { items: PageItem[]; failures: ItemFailure[] }, pageUrl: string): Promise<void> {
    for (const failure of result.failures) deadLetterFiltered(failure.record, failure.seq, pageUrl, failure.reason);
    for (const item of result.items) {
      batch.push(item);
      touchPaged();
      if (batch.length >= options.batchSize) {
        dispatch(UNKNOWN_NEXT, false);
        const slot = inFlight.below(options.concurrency);
        if (slot !== undefined) await slot;
      }
    }
  }

  /** Source records that left no record and no failure were filtered out (or folded into an aggregate). */
  function countFiltered(items: PageItem[], out: PageItem[], failures: ItemFailure[]): void {
    const left = new Set<number>();
    for (const item of out) left.add(item.seq);
    for (const failure of failures) left.add(failure.seq);
    for (const item of items) if (!left.has(item.seq)) counts.filtered++;
  }

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
      return perRecord!(record, index);
    } catch (error) {
      // One bad record must not sink the run: it goes to the dead letter with the reason.
      deadLetterFiltered(record, index, pageUrl, describeError(error));
      return undefined;
    }
  }

  function deadLetterFiltered(record: JsonRecord, index: number, pageUrl: string, reason: string): void {
    counts.failed++;
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
  }
}
