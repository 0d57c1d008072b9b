import type { CompiledFilters, PagedFilters } from "../filters/index.js";
import type { Logger } from "../log/types.js";
import type { DeadLetterSink, InputModule, OutputModule } from "./modules.js";
import type { Watermark } from "./watermark.js";

/** What the pump is given and what it counts: its contract, apart from the loop in pump.ts. */
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
  /** Per record (the synchronous path), or a page at a time when a filter needs the page (enrich, aggregate). */
  filters: CompiledFilters | PagedFilters;
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
  /**
   * Called when the settled prefix moves the cursor forwards. A promise means the cursor is not
   * durable yet (an asynchronous state store): it resolves, never rejects, once it is.
   */
  onCursor(cursor: string): PromiseLike<unknown> | undefined;
  onProgress?: ((counts: Readonly<RunCounts>) => void) | undefined;
}
