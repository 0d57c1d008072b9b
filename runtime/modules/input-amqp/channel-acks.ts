import type { Channel, Message } from "amqplib";

/** A delivery on one channel: waiting for its settle, settled and not yet acknowledged, or done. */
enum Delivery {
  Unsettled,
  Settled,
  Done,
}

/** How long a message settled ahead of an older unsettled one waits to go out with it, at most. */
const HELD_MAX_MS = 1_000;

/**
 * The acknowledgements of one channel, written together once per turn of the event loop: one
 * `basic.ack` with `multiple` set for the run of settled messages from the oldest one outstanding.
 * A message settled ahead of an older unsettled one (outputs finish batches out of order) waits
 * for it, up to HELD_MAX_MS, then is acknowledged on its own; `flush(true)` (at close) writes
 * everything settled. What is acknowledged is exactly what was settled, as with one ack per
 * message, in a frame and a socket write per batch instead of per message: at a prefetch of 1,000
 * those writes were most of amqplib's share of a message's CPU. Delivery tags rise on a channel in
 * the order of delivery, which `multiple` relies on; the channel consumes only this input's queue.
 */
export class ChannelAcks {
  /** Delivery tags in the order the broker sent them, from `#head` on: the oldest outstanding first. */
  #tags: number[] = [];
  #head = 0;
  #states = new Map<number, Delivery>();
  /** Deliveries in the Settled state. */
  #settled = 0;
  #turn: NodeJS.Immediate | undefined;
  #held: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(private readonly channel: Channel) {}

  delivered(message: Message): void {
    const tag = message.fields.deliveryTag;
    this.#tags.push(tag);
    this.#states.set(tag, Delivery.Unsettled);
  }

  /** The message (its delivery tag) was settled: acknowledged at the end of this turn of the event loop. */
  settled(tag: number): void {
    if (this.#states.get(tag) !== Delivery.Unsettled) return;
    this.#states.set(tag, Delivery.Settled);
    this.#settled++;
    this.#turn ??= setImmediate(() => this.flush(false));
  }

  /** The message was answered otherwise (rejected to the dead-letter exchange): nothing to acknowledge. */
  answered(message: Message): void {
    const tag = message.fields.deliveryTag;
    if (this.#states.get(tag) === Delivery.Unsettled) this.#states.set(tag, Delivery.Done);
  }

  /** Acknowledges the settled run from the oldest outstanding message; `all`: every settled one. */
  flush(all: boolean): void {
    if (this.#turn) clearImmediate(this.#turn);
    this.#turn = undefined;
    if (this.#stopped) return;
    let last: number | undefined;
    while (this.#head < this.#tags.length) {
      const tag = this.#tags[this.#head]!;
      const state = this.#states.get(tag);
      if (state === Delivery.Unsettled) break;
      if (state === Delivery.Settled) {
        last = tag;
        this.#settled--;
      }
      this.#states.delete(tag);
      this.#head++;
    }
    // `multiple` at a tag still outstanding: every outstanding one up to it was settled.
    if (last !== undefined) this.#write(last, true);
    if (this.#head > 1_024 && this.#head * 2 > this.#tags.length) {
      this.#tags = this.#tags.slice(this.#head);
      this.#head = 0;
    }
    if (all) this.#ackHeld();
    else if (this.#settled > 0) this.#held ??= setTimeout(() => this.#ackHeld(), HELD_MAX_MS).unref();
  }

  /**
   * amqplib throws once the channel is closed, which may be before its 'close' event stops this:
   * out of the engine's call (a timer), that would end the process. The channel being gone, the
   * broker sends again what it had not acknowledged; nothing more is written.
   */
  #write(tag: number, multiple: boolean): void {
    if (this.#stopped) return;
    try {
      this.channel.ack(delivery(tag), multiple);
    } catch {
      this.stop();
    }
  }

  /** The channel is gone: what it delivered the broker sends again, so nothing more is written. */
  stop(): void {
    this.#stopped = true;
    clearImmediate(this.#turn);
    clearTimeout(this.#held);
  }

  /** Acknowledges, one by one, the messages settled ahead of an unsettled one. */
  #ackHeld(): void {
    clearTimeout(this.#held);
    this.#held = undefined;
    if (this.#stopped) return;
    for (let at = this.#head; this.#settled > 0 && at < this.#tags.length; at++) {
      const tag = this.#tags[at]!;
      if (this.#states.get(tag) !== Delivery.Settled) continue;
      this.#write(tag, false);
      this.#states.set(tag, Delivery.Done);
      this.#settled--;
    }
  }
}

/** What amqplib reads of a message to acknowledge it: its delivery tag. */
const delivery = (deliveryTag: number) => ({ fields: { deliveryTag } }) as Message;
