/** The value of the record after a batch is not known yet: the batch ends a page. */
export const UNKNOWN_NEXT = Symbol("unknown next record");
/** The next record's cursor value; undefined when there is no next record or it has none. */
export type NextValue = string | undefined | typeof UNKNOWN_NEXT;

/**
 * The source reads `param` as strictly greater than, so committing value V makes the next run skip
 * every record with V that this run has not read. Records tied on V may straddle a batch boundary:
 * a batch may commit its last value only when the record after it has another value; otherwise it
 * commits the last value whose records were all read (re-reading a few records beats losing them).
 */
export class TieSafeCursor {
  #last: string | undefined;
  #complete: string | undefined;

  /** The cursor value of the latest record read. */
  get last(): string | undefined {
    return this.#last;
  }

  /** A record was read; `value` is its cursor, undefined when it has none. */
  read(value: string | undefined): void {
    if (value === undefined) return;
    if (this.#last !== undefined && value !== this.#last) this.#complete = this.#last;
    this.#last = value;
  }

  /** Decides, now or later, what a batch ending at the current record may commit. */
  snapshot(): (next: NextValue) => string | undefined {
    const last = this.#last;
    const complete = this.#complete;
    return (next) => (next === UNKNOWN_NEXT || (next !== undefined && next === last) ? complete : last);
  }
}
