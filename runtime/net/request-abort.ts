/**
 * Aborting one request, at the cost of a plain object: undici accepts any emitter with
 * `once`/`removeListener` as a request's signal, and an AbortController + EventTarget listener per
 * request showed up in the single-record profile (one POST per record).
 */
export class RequestAbort {
  aborted = false;
  reason: unknown;
  #listeners: Array<() => void> = [];

  on(_event: "abort", listener: () => void): this {
    this.#listeners.push(listener);
    return this;
  }

  /** Abort fires once at most, so `once` and `on` are the same. */
  once(event: "abort", listener: () => void): this {
    return this.on(event, listener);
  }

  removeListener(_event: "abort", listener: () => void): this {
    this.#listeners = this.#listeners.filter((l) => l !== listener);
    return this;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener();
  }
}

/**
 * Cancels the requests in flight when the caller's signal aborts, with one listener per signal
 * rather than one per request: a run's signal is shared by every request, and a listener each made
 * node warn (MaxListenersExceededWarning) past ten at once.
 */
export class AbortFanout {
  readonly #inFlight = new WeakMap<AbortSignal, Set<RequestAbort>>();

  /** Tracks `request` until the returned function is called; aborts it at once if `signal` already is. */
  track(signal: AbortSignal | undefined, request: RequestAbort): () => void {
    if (signal === undefined) return noop;
    if (signal.aborted) {
      request.abort(signal.reason);
      return noop;
    }
    let requests = this.#inFlight.get(signal);
    if (requests === undefined) {
      const tracked = new Set<RequestAbort>();
      requests = tracked;
      this.#inFlight.set(signal, tracked);
      signal.addEventListener(
        "abort",
        () => {
          for (const each of tracked) each.abort(signal.reason);
          tracked.clear();
        },
        { once: true },
      );
    }
    const set = requests;
    set.add(request);
    return () => set.delete(request);
  }
}

function noop(): void {}
