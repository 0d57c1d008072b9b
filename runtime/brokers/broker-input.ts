import type { BrokerWatch } from "./broker-watch.js";
import type { InputModule, SourcePage } from "../engine/modules.js";
import { CannectorsError, describeError, ErrorCodes } from "../errors/index.js";
import type { Logger } from "../log/index.js";
import { Inbox } from "./inbox.js";

/**
 * The pages of any broker input: opens the consumer (a failure to open is the run's
 * CANNECTORS_E_BROKER, naming the address without credentials), then yields what the broker pushed
 * into `inbox` until it has been idle for `idleMs` or the run is aborted.
 */
export async function* brokerPages(
  address: string,
  open: () => Promise<void>,
  inbox: Inbox,
  idle: { idleMs: number; maxDepth: number | undefined; signal: AbortSignal },
): AsyncGenerator<SourcePage> {
  try {
    await open();
  } catch (error) {
    throw new CannectorsError(ErrorCodes.BROKER, `cannot consume ${address}: ${describeError(error)}`, {
      cause: error,
    });
  }
  yield* inbox.pages(idle.idleMs, idle.maxDepth, idle.signal);
}

/** Why a message redelivered `redeliveries` times is not processed again, or undefined while under the limit. */
export function overRedeliveryLimit(redeliveries: number, limit: number): string | undefined {
  return redeliveries > limit ? `redelivered ${redeliveries} times, over the limit of ${limit}` : undefined;
}

/** What a broker holds for one consumer, as Consumption.awaitBacklog asks it. */
export interface BrokerBacklog {
  /** Messages not delivered to the consumer yet. */
  undelivered: number;
  /** Messages delivered to the consumer and not acknowledged. */
  unacknowledged: number;
}

export interface ConsumptionOptions {
  /** The broker and what is consumed, without credentials: page names and logs. */
  address: string;
  prefetch: number;
  redeliveryLimit: number;
  logger: Logger;
  /** A dry run acknowledges nothing: what it read goes back to the broker at close. */
  dryRun: boolean;
  /** Under serve: the inbox reports to it and consumes until serve stops it. */
  broker?: BrokerWatch | undefined;
  /** Most messages in one page: the output's batch size. */
  pageSize?: number | undefined;
}

/**
 * What the NATS, Redis and MQTT inputs share between the broker and the engine: the inbox, the
 * messages delivered and not yet settled (`Id` names one), the wait for room under the prefetch,
 * the acknowledgements still being written, and the close that waits for them. Each input adds
 * how it reads and how it acknowledges.
 */
export class Consumption<Id> {
  readonly inbox: Inbox;
  readonly unsettled = new Set<Id>();
  closing = false;
  readonly #acks = new Set<Promise<unknown>>();
  #roomFreed: (() => void) | undefined;

  constructor(readonly options: ConsumptionOptions) {
    this.inbox = new Inbox(options.broker, options.pageSize);
  }

  /** An input module's consumption: its spec's prefetch and redelivery limit, its context's logger and serve watch. */
  static of<Id>(
    address: string,
    spec: { prefetch: number; redeliveryLimit: number },
    context: { logger: Logger; broker?: BrokerWatch | undefined; pageSize?: number | undefined },
    dryRun: boolean,
  ): Consumption<Id> {
    const { logger, broker, pageSize } = context;
    return new Consumption<Id>({ address, ...spec, logger, dryRun, broker, pageSize });
  }

  /** How many messages may be asked for, once at least half the prefetch is free; undefined once closing. */
  async room(): Promise<number | undefined> {
    for (;;) {
      if (this.closing) return undefined;
      const room = this.options.prefetch - this.unsettled.size;
      if (room >= Math.ceil(this.options.prefetch / 2)) return room;
      await new Promise<void>((resolve) => {
        this.#roomFreed = resolve;
      });
    }
  }

  /** Marks `id` settled: true when it is to be acknowledged now (not a dry run, not settled before). */
  settle(id: Id): boolean {
    // A dry run holds what it read until close: given back now, it would be read again at once.
    if (this.options.dryRun || !this.unsettled.delete(id)) return false;
    this.#wake();
    return true;
  }

  /** Why the message `where` is dead-lettered instead of processed (logged), or undefined under the limit. */
  overLimit(redeliveries: number, where: string): string | undefined {
    const failure = overRedeliveryLimit(redeliveries, this.options.redeliveryLimit);
    if (failure) this.options.logger.warn("message dead-lettered", { message: where, reason: failure, to: "file" });
    return failure;
  }

  /**
   * Asked before a drain ends for idleness: what the broker holds for this consumer. Messages not
   * yet delivered mean the pipeline was busy, not the broker empty (the reader waits for room while
   * outputs are slower than `idleAfter`). Messages delivered and not acknowledged beyond those
   * unsettled here (once the acknowledgements being written are done) never reached us: delivered
   * into a connection that was then cut, they count as delivered until the broker's ack wait or
   * claim idle time, and `reread` asks the reader to fetch them again where the broker does not
   * send them again by itself. Either way the drain waits, up to `limitMs` of idle time. A dry run
   * holds what it read unacknowledged on purpose: it never waits.
   */
  awaitBacklog(atBroker: () => Promise<BrokerBacklog>, limitMs: number, reread?: () => void): void {
    if (this.options.dryRun) return;
    this.inbox.awaitBacklog(async () => {
      await Promise.allSettled(this.#acks);
      const { undelivered, unacknowledged } = await atBroker();
      const lost = unacknowledged > this.unsettled.size;
      if (lost) reread?.();
      return lost || undelivered > 0;
    }, limitMs);
  }

  /** Keeps an acknowledgement being written, so that closing waits for it. */
  track(ack: Promise<unknown>): void {
    this.#acks.add(ack);
    void ack.then(
      () => this.#acks.delete(ack),
      () => this.#acks.delete(ack),
    );
  }

  /**
   * The engine's input: `open` connects and starts reading. Closing stops the reading, waits for
   * what `stopped` returns (the reader's end) and the acknowledgements being written, then
   * `release`s the connection (giving back or leaving what is unsettled).
   */
  input(
    open: () => Promise<void>,
    pages: { idleMs: number; maxDepth: number | undefined; signal: AbortSignal },
    end: { stopped: () => Promise<void> | undefined; release: () => Promise<void> },
  ): InputModule {
    return {
      pages: () => brokerPages(this.options.address, open, this.inbox, pages),
      close: async () => {
        this.closing = true;
        this.#wake();
        await end.stopped();
        await Promise.allSettled(this.#acks);
        await end.release();
      },
    };
  }

  #wake(): void {
    const freed = this.#roomFreed;
    this.#roomFreed = undefined;
    freed?.();
  }
}
