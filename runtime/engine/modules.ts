/**
 * The contracts between the engine and its modules. The engine owns ordering, batching,
 * back-pressure and cursor commits; modules own one protocol each.
 */
import type { BrokerWatch } from "../brokers/broker-watch.js";
import type { Logger } from "../log/types.js";
import type { RetryPolicy } from "../net/retry.js";
import type { Clock, HttpClient } from "../net/types.js";
import type { Redactor } from "../secrets/types.js";

import type { JsonRecord } from "../json/path.js";

export type { JsonRecord };

export interface ModuleContext {
  connectorName: string;
  client: HttpClient;
  logger: Logger;
  redactor: Redactor;
  clock: Clock;
  retry: RetryPolicy;
  signal: AbortSignal;
  /** Told of every retry after a transient failure, so the run can count them. */
  onRetry?: (() => void) | undefined;
  /** Called when a rejected batch is resent one record at a time. */
  onSplit?: (() => void) | undefined;
  /** Source of jitter; injectable for tests. */
  random?: () => number;
  /** `settings.concurrency`: batches in flight at once, so connections a database pool may need. */
  concurrency?: number | undefined;
  /** Under serve: a broker input consumes until serve stops it (no idle end) and reports here. */
  broker?: BrokerWatch | undefined;
  /** Most messages a broker input groups into one page: the output's batch size. */
  pageSize?: number | undefined;
}

export interface SourcePage {
  /** 1-based page number within this run. */
  number: number;
  /** The URL that served the page, secrets redacted: used in errors and logs. */
  url: string;
  records: unknown[];
  /** Records that cannot be processed (too deep, a key twice...), by index: dead-lettered, the run goes on. */
  failures?: ReadonlyMap<number, RecordFailure> | undefined;
  /**
   * The cursor reached once every record of this page is settled, for inputs whose position is the
   * page rather than a record field (the webhook queue's sequence number).
   */
  cursor?: string | undefined;
  /**
   * Dispatch what this page produced at its end, even below `batch.size`: a broker input's page is
   * what arrived so far, and the broker sends no more until these are acknowledged (its prefetch).
   */
  flush?: boolean | undefined;
  /**
   * Called once every record of this page is settled (delivered, dead-lettered or filtered out),
   * in any order across pages: a broker input acknowledges the page's message here, so a message
   * is acknowledged only after every output acknowledged the records it produced, and a slow or
   * stuck message does not hold back the acknowledgement of the ones after it.
   */
  settled?: (() => void) | undefined;
  /**
   * The run stopped (`--limit`, abort) after reading only the first `read` records of this page: a
   * broker input's page of several messages then acknowledges only those, and the broker keeps the rest.
   */
  cut?: ((read: number) => void) | undefined;
}

/** Why one record of a page cannot be processed, and its JSON text as received (the only copy kept). */
export interface RecordFailure {
  reason: string;
  source: string;
}

export interface InputModule {
  /**
   * Pages in order. `savedCursor` is the incremental cursor persisted by the previous run
   * (undefined on the first run). The generator is pulled lazily: the engine asks for the next
   * page only when it has room, which is what bounds memory.
   */
  pages(savedCursor: string | undefined): AsyncGenerator<SourcePage>;
  /** Releases the source's connection after the run's last acknowledgement; unacknowledged messages go back to the broker. */
  close?(): Promise<void>;
}

export interface OutputRecord {
  /** Position of the record in the run's stream, from 0; used for errors and acknowledgement order. */
  seq: number;
  value: JsonRecord;
}

export interface DeliveryResult {
  delivered: number;
  /** Records that failed permanently and were written to the dead-letter sink. */
  deadLettered: number;
}

export interface OutputModule {
  /** Delivers one batch (already sized by the engine), retrying as configured. Resolves once every record is delivered or dead-lettered. */
  deliver(batch: OutputRecord[]): Promise<DeliveryResult>;
  /**
   * Called once after a complete run (every record read, none failed, not stopped, not a dry run),
   * before close: the SQL output's deleteMissing. A failure here fails the run.
   */
  complete?(): Promise<void>;
  close(): Promise<void>;
}

/** A record that failed permanently, as written to the dead-letter file. */
export interface DeadLetterEntry {
  connector: string;
  seq: number;
  record: JsonRecord;
  status: number | null;
  reason: string;
  /** First bytes of the response body, redacted. */
  responseExcerpt: string;
  attempts: number;
  /** The record's JSON text as received, when it failed before it could be read (then `record` is empty). */
  source?: string;
  /** The idempotency key of the last request that carried the record (absent without `output.idempotency`). */
  idempotencyKey?: string;
  /** Which output of a routes, fanout or fallback output failed (its artifact path); absent for a single output. */
  output?: string;
}

/**
 * The entry of a record that failed before any response answered for it (a filter, a route's
 * condition, a row the database refused, a broker nack): no status, no excerpt. `more` adds the
 * attempts made, the idempotency key, or which nested output failed.
 */
export function failedRecordEntry(
  connector: string,
  record: OutputRecord,
  reason: string,
  more: Pick<DeadLetterEntry, "idempotencyKey" | "output"> & { attempts?: number } = {},
): DeadLetterEntry {
  const { attempts = 0, ...rest } = more;
  return {
    connector,
    seq: record.seq,
    record: record.value,
    status: null,
    reason,
    responseExcerpt: "",
    attempts,
    ...rest,
  };
}

export interface DeadLetterSink {
  write(entry: DeadLetterEntry): void;
  /**
   * Entries written but not durable yet (a sink in the state database): the engine waits for it
   * before the records count as settled; it rejects when a write failed. Undefined: all durable.
   */
  durable?(): Promise<unknown> | undefined;
  readonly count: number;
  close(): Promise<void>;
}

/** What a dry run writes instead of sending: the exact request, headers masked. */
export interface PlannedRequest {
  /** Which output of a routes, fanout or fallback output plans it (its artifact path); absent for a single output. */
  output?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface DryRunSink {
  write(request: PlannedRequest): void;
}
