import type { SourcePage } from "../engine/modules.js";
import type { RecordFailure } from "../engine/modules.js";
import type { BrokerWatch } from "./broker-watch.js";
import { messageRecord } from "./message-record.js";

/** One message as the broker handed it over: its body, its acknowledgement token, where it came from. */
export interface InboxMessage {
  body: Uint8Array;
  /** Acknowledges the message to the broker: called once every record it produced is settled. */
  settled: () => void;
  where: string;
  /** Set when the message is not to be processed (over its redelivery limit): it is dead-lettered as is. */
  failure?: string | undefined;
}

/**
 * Messages the broker pushed and the engine has not pulled yet. The broker's prefetch bounds how
 * many there are; `pages` yields one page per message so that each is acknowledged on its own (a
 * `--limit` stop acknowledges exactly what was read), and flags the last one available as `flush`
 * after a short linger, so that a burst still fills batches. Under serve (`watch` given) it never
 * ends for being idle, ends at serve's stop, and reports connection changes and message outcomes.
 */
export class Inbox {
  #queue: InboxMessage[] = [];
  #wake: (() => void) | undefined;
  #failure: unknown;
  #paused = false;
  #backlog: (() => Promise<boolean>) | undefined;
  #backlogLimitMs = 0;

  constructor(private readonly watch?: BrokerWatch | undefined) {}

  /**
   * Asked before ending for idleness: true while the broker still holds messages for this consumer
   * (not delivered yet while the outputs were slow, or delivered into a connection that was then
   * cut; see Consumption.awaitBacklog). A drain then waits for them, up to `limitMs` of idle time
   * without an arrival, rather than end with them outstanding.
   */
  awaitBacklog(check: () => Promise<boolean>, limitMs: number): void {
    this.#backlog = check;
    this.#backlogLimitMs = limitMs;
  }

  push(message: InboxMessage): void {
    this.watch?.received();
    this.#queue.push(message);
    this.#notify();
  }

  /** A message settled by the input itself (rejected to the broker's dead letter), never pushed. */
  deadLettered(): void {
    this.watch?.received();
    this.watch?.settled("deadLettered");
  }

  /** The connection is gone: what it delivered and nobody pulled will be redelivered, so it is dropped. */
  drop(): void {
    this.watch?.released(this.#queue.length);
    this.#queue = [];
    this.#paused = true;
    this.watch?.connection(false);
  }

  /** The connection is gone but what it delivered stays valid (acknowledged once it is back): wait, do not end. */
  hold(): void {
    this.#paused = true;
    this.watch?.connection(false);
  }

  resume(): void {
    this.#paused = false;
    this.watch?.connection(true);
    this.#notify();
  }

  fail(error: unknown): void {
    this.#failure ??= error;
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Ends after `idleMs` without a message (never while reconnecting), or when `signal` aborts. */
  async *pages(idleMs: number, maxDepth: number | undefined, runSignal: AbortSignal): AsyncGenerator<SourcePage> {
    const watch = this.watch;
    const signal = watch ? AbortSignal.any([runSignal, watch.stop]) : runSignal;
    if (watch) idleMs = Number.POSITIVE_INFINITY;
    watch?.connection(!this.#paused);
    let number = 0;
    let waitedForBacklog = 0;
    const onAbort = () => this.#notify();
    signal.addEventListener("abort", onAbort);
    try {
      for (;;) {
        if (this.#failure !== undefined) throw this.#failure;
        const message = this.#queue.shift();
        if (message === undefined) {
          if (signal.aborted) return;
          if (await this.#arrival(idleMs)) {
            waitedForBacklog = 0;
            continue;
          }
          if (this.#paused || this.#queue.length > 0) continue;
          if (waitedForBacklog >= this.#backlogLimitMs || !(await this.#backlogWaits())) return;
          waitedForBacklog += idleMs;
          continue;
        }
        number++;
        if (this.#queue.length === 0) await this.#arrival(LINGER_MS);
        const page = pageOf(message, number, maxDepth, this.#queue.length === 0);
        if (watch) page.settled = watched(page, watch);
        yield page;
      }
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }

  /** False when the check fails too: the backlog is a reason to wait, never a reason to fail the run. */
  async #backlogWaits(): Promise<boolean> {
    if (this.#backlog === undefined) return false;
    return this.#backlog().catch(() => false);
  }

  /** True when something happened before the idle time ran out. */
  #arrival(idleMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(idleMs) ? setTimeout(() => resolve(false), idleMs) : undefined;
      this.#wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}

/** The page's acknowledgement, told to the watch once: acked, or dead-lettered when its record could not be read. */
function watched(page: SourcePage, watch: BrokerWatch): () => void {
  const settle = page.settled!;
  let done = false;
  return () => {
    settle();
    if (done) return;
    done = true;
    watch.settled(page.failures === undefined ? "acked" : "deadLettered");
  };
}

/** How long the last message available waits for another before its batch is sent short. */
const LINGER_MS = 5;

function pageOf(message: InboxMessage, number: number, maxDepth: number | undefined, flush: boolean): SourcePage {
  const read = message.failure
    ? { ok: false as const, failure: { reason: message.failure, source: Buffer.from(message.body).toString("utf8") } }
    : messageRecord(message.body, maxDepth);
  const failures = read.ok ? undefined : new Map<number, RecordFailure>([[0, read.failure]]);
  return {
    number,
    url: message.where,
    records: [read.ok ? read.record : {}],
    failures,
    settled: message.settled,
    flush,
  };
}
