import type { Clock } from "../../net/types.js";

/**
 * Answers kept for the run: each for `ttlMs`, at most `maxEntries` (the oldest inserted goes first).
 * Only answers are kept, never failures: a lookup that failed is tried again for the next record.
 */
export class AnswerCache {
  readonly #entries = new Map<string, { value: unknown; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly clock: Clock,
  ) {}

  /** The kept answer, or undefined (never kept, or expired). */
  get(key: string): { value: unknown } | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.clock.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, value: unknown): void {
    if (this.maxEntries === 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: this.clock.now() + this.ttlMs });
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

/** Runs `tasks` with at most `limit` under way; rejects with the first rejection (a cancellation). */
export async function runBounded(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
