/**
 * Saves a run's cursor as the pump moves it, one write at a time and in order. The pump moves the
 * watermark synchronously; the state store's writes are asynchronous (a PostgreSQL round trip), so
 * a move made while a write is under way waits, and only the newest waiting value is written: each
 * cursor covers the ones before it. The first write that fails is kept (later ones are not tried)
 * and `onFailure` hears it at once, so the run can stop instead of reading on without a saved cursor.
 */
export interface CursorWriter {
  save(cursor: string): void;
  /** Resolves once every write is done: undefined, or the error of the write that failed. */
  settled(): Promise<unknown>;
}

export function cursorWriter(write: (cursor: string) => unknown, onFailure: (error: unknown) => void): CursorWriter {
  let waiting: string | undefined;
  let failure: unknown;
  let writing: Promise<void> | undefined;

  const drain = async (): Promise<void> => {
    while (waiting !== undefined && failure === undefined) {
      const next = waiting;
      waiting = undefined;
      try {
        await write(next);
      } catch (error) {
        failure = error;
        onFailure(error);
      }
    }
    writing = undefined;
  };

  return {
    save(cursor) {
      if (failure !== undefined) return;
      waiting = cursor;
      writing ??= drain();
    },
    async settled() {
      while (writing) await writing;
      return failure;
    },
  };
}
