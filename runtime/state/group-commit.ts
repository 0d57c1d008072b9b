/**
 * Group commit: writes asked for while the previous group was being made durable are committed
 * together, in one transaction and one fsync, and each caller's promise settles only once its
 * group is durable. With `durable` (an asynchronous fsync on the thread pool), the event loop keeps
 * parsing requests during the fsync, and those requests form the next group: one fsync per group
 * instead of one per write is what lifts webhook acceptance past the disk's fsync rate, without
 * weakening "durable when it resolves".
 */
export interface GroupCommit<T, R> {
  /** Resolves with this item's result once the transaction holding it is committed and durable. */
  submit(item: T): Promise<R>;
  /** Resolves once nothing waits and nothing is in flight (before the database is closed). */
  drain(): Promise<void>;
}

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions<T, R> {
  /**
   * One transaction over the items, their results in order. When it throws for a group, each item
   * is retried in a transaction of its own, so one item that cannot be written fails only itself.
   */
  commitAll(items: readonly T[]): R[];
  /** Makes what was committed durable (fsync); absent when the commit itself is (or need not be). */
  durable?: (() => Promise<void>) | undefined;
}

export function groupCommit<T, R>(options: GroupCommitOptions<T, R>): GroupCommit<T, R> {
  let waiting: Waiting<T, R>[] = [];
  let busy = false;
  const idle: (() => void)[] = [];

  const commitGroup = (group: Waiting<T, R>[]): { entry: Waiting<T, R>; result: R }[] => {
    try {
      const results = options.commitAll(group.map((entry) => entry.item));
      return group.map((entry, index) => ({ entry, result: results[index] as R }));
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return [];
      }
      const written: { entry: Waiting<T, R>; result: R }[] = [];
      for (const entry of group) {
        try {
          written.push({ entry, result: options.commitAll([entry.item])[0] as R });
        } catch (alone) {
          entry.reject(alone);
        }
      }
      return written;
    }
  };

  const next = async (): Promise<void> => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      const written = commitGroup(group);
      try {
        if (options.durable && written.length > 0) await options.durable();
        for (const { entry, result } of written) entry.resolve(result);
      } catch (error) {
        // Committed but perhaps not on disk: not acknowledged; a retry by the sender is a duplicate.
        for (const { entry } of written) entry.reject(error);
      }
      // Requests parsed in the meantime join the next group (one turn later if the commit was synchronous).
      if (!options.durable) await new Promise((resolve) => setImmediate(resolve));
    }
    busy = false;
    for (const resolve of idle.splice(0)) resolve();
  };

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!busy) {
          busy = true;
          // One turn of the event loop: the requests already parsed share the first group too.
          setImmediate(() => void next());
        }
      });
    },
    drain() {
      if (!busy) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}
