/**
 * The deliveries under way, counted, and one waiter for a free slot. `Promise.race` over the
 * in-flight set, the obvious way to wait, adds a reaction (a promise) to every member on every
 * call: with one record per request and 32 in flight that was 33 promises per record, over half of
 * all the promises a single-record run made.
 */
export class InFlight {
  #count = 0;
  #limit = 0;
  #wake: (() => void) | undefined;

  /** One more under way; each `start` is matched by one `finish` once that delivery has settled. */
  start(): void {
    this.#count++;
  }

  finish(): void {
    this.#count--;
    if (this.#wake !== undefined && this.#count < this.#limit) {
      const wake = this.#wake;
      this.#wake = undefined;
      wake();
    }
  }

  /** Resolves once fewer than `limit` are under way: undefined (nothing to await) when they already are. */
  below(limit: number): Promise<void> | undefined {
    if (this.#count < limit) return undefined;
    if (this.#wake !== undefined) throw new Error("InFlight has one waiter at a time");
    this.#limit = limit;
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }
}
