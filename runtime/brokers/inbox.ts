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
 * many there are; `pages` groups those already here into one page of up to `pageSize` (the output's
 * batch size), settled at once, because a page per message cost the engine a settle object, closures
 * and an async-iteration step per message. A message over its limit or unreadable fails only its own
 * record; a `--limit` or stop inside a page `cut`s it so that only what was read is acknowledged.
 * The page is flagged `flush` once nothing more is waiting, after a short linger, so that a burst
 * still fills batches. Under serve (`watch` given) it never ends for being idle, ends at serve's
 * stop, and reports connection changes and each message's outcome.
 */
export class Inbox {
  #queue: InboxMessage[] = [];
  #wake: (() => void) | undefined;
  #failure: unknown;
  #paused = false;
  #backlog: (() => Promise<boolean>) | undefined;
  #backlogLimitMs = 0;

  constructor(
    private readonly watch?: BrokerWatch | undefined,
    private readonly pageSize = 1,
  ) {}

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
        if (this.#queue.length === 0) {
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
        if (this.#queue.length === 1) await this.#arrival(LINGER_MS);
        // drop() may have emptied the queue during the linger: its messages are redelivered.
        if (this.#queue.length === 0) continue;
        number++;
        const group = this.#queue.splice(0, Math.max(1, this.pageSize));
        yield pageOf(group, number, maxDepth, this.#queue.length === 0, watch);
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

/** How long the last message available waits for another before its batch is sent short. */
const LINGER_MS = 5;

/**
 * One page of `group`: a record per message (an empty one with its failure when it is not to be
 * processed), settled once, acknowledging every message still in the group (cut keeps those read).
 */
function pageOf(
  group: InboxMessage[],
  number: number,
  maxDepth: number | undefined,
  flush: boolean,
  watch: BrokerWatch | undefined,
): SourcePage {
  const records: unknown[] = new Array(group.length);
  let failures: Map<number, RecordFailure> | undefined;
  for (let index = 0; index < group.length; index++) {
    const message = group[index]!;
    const read = message.failure
      ? { ok: false as const, failure: { reason: message.failure, source: Buffer.from(message.body).toString("utf8") } }
      : messageRecord(message.body, maxDepth);
    if (read.ok) records[index] = read.record;
    else {
      records[index] = {};
      failures ??= new Map();
      failures.set(index, read.failure);
    }
  }
  // Only the acknowledgements stay with the page until it settles, not the messages: a body can be
  // a view into the socket chunk it arrived in (amqplib), which it would keep alive.
  const settles = new Array<() => void>(group.length);
  for (let index = 0; index < group.length; index++) settles[index] = group[index]!.settled;
  let done = false;
  return {
    number,
    url: group.length === 1 ? group[0]!.where : `${group[0]!.where} to ${group[group.length - 1]!.where}`,
    records,
    failures,
    flush,
    // Told once: a message acknowledged twice would be a channel error on AMQP.
    settled: () => {
      if (done) return;
      done = true;
      for (let index = 0; index < settles.length; index++) {
        settles[index]!();
        watch?.settled(failures?.has(index) ? "deadLettered" : "acked");
      }
    },
    cut: (read: number) => {
      if (read < settles.length) settles.length = read;
    },
  };
}
