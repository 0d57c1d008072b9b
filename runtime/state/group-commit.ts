/**
 * Group commit: writes asked for during one turn of the event loop are committed together, in one
 * transaction and so one fsync, and each caller's promise settles only after that commit. While a
 * commit blocks the loop (better-sqlite3 is synchronous, an fsync takes milliseconds), the requests
 * that arrive queue up in the kernel; the next turn parses them all and they share the next commit.
 * One fsync per turn instead of one per write is what lifts webhook acceptance past the disk's
 * fsync rate, without weakening "durable when it resolves".
 */
export interface GroupCommit<T, R> {
  /** Resolves with this item's result once the transaction holding it has committed. */
  submit(item: T): Promise<R>;
  /** Commits what is waiting now (before the database is closed). */
  flush(): void;
}

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * `commitAll` runs one transaction over the items and returns their results in order. When it
 * throws for a group, each item is retried in a transaction of its own, so one item that cannot be
 * written (or a fault that clears) fails only what it must.
 */
export function groupCommit<T, R>(commitAll: (items: readonly T[]) => R[]): GroupCommit<T, R> {
  let waiting: Waiting<T, R>[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const group = waiting;
    waiting = [];
    if (group.length === 0) return;
    try {
      const results = commitAll(group.map((entry) => entry.item));
      for (const [index, entry] of group.entries()) entry.resolve(results[index] as R);
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      for (const entry of group) {
        try {
          entry.resolve(commitAll([entry.item])[0] as R);
        } catch (alone) {
          entry.reject(alone);
        }
      }
    }
  };
  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
