/**
 * Saves a run's cursor as the pump moves it, one write at a time and in order. The pump moves the
 * watermark synchronously; a PostgreSQL store's writes are asynchronous, so a move made while a
 * write is under way waits, and only the newest waiting value is written: each cursor covers the
 * ones before it. A synchronous store (SQLite: durable once the write returns) costs no promise:
 * after its first write, the values saved in one run of microtasks are written once, in a microtask
 * queued by the first of them (before any I/O, so before any further acknowledgement), so batch
 * acknowledgements that arrive together cost one fsync, as they did when every write was awaited.
 * The first write that fails is kept (later ones are not tried) and `onFailure` hears it at once,
 * so the run can stop instead of reading on without a saved cursor.
 */
export interface CursorWriter {
  /**
   * Undefined when `cursor` is already written (the write answered synchronously, or an earlier
   * one failed); else a promise that resolves, never rejects, once a write covering it is done or failed.
   */
  save(cursor: string): Promise<void> | undefined;
  /** Resolves once every write is done: undefined, or the error of the write that failed. */
  settled(): Promise<unknown>;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | undefined)?.then === "function";

export function cursorWriter(write: (cursor: string) => unknown, onFailure: (error: unknown) => void): CursorWriter {
  let failed = false;
  let failure: unknown;
  let writing: Promise<void> | undefined;
  let waiting: string | undefined;
  let waited: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  // Learnt from the first write: the store answers synchronously, so later values are batched per microtask flush.
  let synchronous = false;
  let flushing = false;
  const flush = () => {
    flushing = false;
    const cursor = waiting;
    waiting = undefined;
    if (cursor !== undefined && !failed) start(cursor);
  };

  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    failure = error;
    onFailure(error);
  };
  // The write under way is done: the newest waiting value goes next, and its waiters hear when it is done.
  const next = () => {
    writing = undefined;
    const cursor = waiting;
    const done = wake;
    waiting = undefined;
    waited = undefined;
    wake = undefined;
    if (cursor !== undefined && !failed) start(cursor, done);
    else done?.();
  };
  // Starts a write; `writing` is set only while an asynchronous one is under way.
  const start = (cursor: string, done?: () => void) => {
    let result: unknown;
    try {
      result = write(cursor);
    } catch (error) {
      fail(error);
    }
    if (!isThenable(result)) {
      synchronous = true;
      done?.();
      return;
    }
    writing = new Promise<void>((resolve) => {
      const finish = () => {
        resolve();
        done?.();
        next();
      };
      result.then(finish, (error: unknown) => {
        fail(error);
        finish();
      });
    });
  };

  return {
    save(cursor) {
      if (failed) return undefined;
      if (synchronous) {
        waiting = cursor;
        if (!flushing) {
          flushing = true;
          queueMicrotask(flush);
        }
        return undefined;
      }
      if (writing === undefined) {
        start(cursor);
        return writing;
      }
      waiting = cursor;
      waited ??= new Promise<void>((resolve) => {
        wake = resolve;
      });
      return waited;
    },
    async settled() {
      while (flushing || writing) await writing;
      return failure;
    },
  };
}
