/**
 * The incremental cursor may only move past a record once that record and every record before
 * it is settled (delivered, dead-lettered or filtered out). Batches finish out of order when
 * several are in flight, so settled segments wait here until the prefix before them is settled.
 */
export class Watermark {
  readonly #segments: { cursor: string | undefined; settled: boolean; held: boolean }[] = [];
  #committed: string | undefined;

  constructor(initial: string | undefined) {
    this.#committed = initial;
  }

  /** Opens the next segment (a batch, in stream order); returns the function that settles it. */
  open(cursor: string | undefined): () => string | undefined {
    return this.openHeld(cursor, false).settle;
  }

  /**
   * Like `open`, but while `held` the prefix cannot pass this segment even once it is settled:
   * its cursor is not known yet. `release` gives the cursor and lets the prefix move on.
   */
  openHeld(
    cursor: string | undefined,
    held = true,
  ): { settle(): string | undefined; release(cursor: string | undefined): string | undefined } {
    const segment = { cursor, settled: false, held };
    this.#segments.push(segment);
    return {
      settle: () => {
        segment.settled = true;
        return this.#advance();
      },
      release: (final) => {
        segment.cursor = final;
        segment.held = false;
        return this.#advance();
      },
    };
  }

  /** The cursor of the longest settled prefix; changes only forwards. */
  get committed(): string | undefined {
    return this.#committed;
  }

  get pending(): number {
    return this.#segments.length;
  }

  #advance(): string | undefined {
    while (this.#segments.length > 0 && this.#segments[0]!.settled && !this.#segments[0]!.held) {
      const segment = this.#segments.shift()!;
      if (segment.cursor !== undefined) this.#committed = segment.cursor;
    }
    return this.#committed;
  }
}
