/** Bytes per buffer that COPY text is written into: each chunk is one CopyData message and socket write. */
export const COPY_CHUNK = 256 * 1024;

/**
 * The buffers of one output's COPY text, reused from one batch to the next. A fresh 256 KB buffer
 * per batch lived as long as the batch's COPY, long enough to leave V8's young generation, so it
 * was freed only by a full collection; the heap stays small, so those are rare, and the dead
 * buffers (memory outside the JS heap) piled up between them: RSS climbed through a run, about
 * 40 MB by 300,000 rows. Buffers go back only after their COPY completed (the server has read every
 * byte of them); a failed COPY's buffers are left to the collector, since a socket write may still hold them.
 */
export class CopyBuffers {
  readonly #free: ArrayBuffer[] = [];

  /** `keep`: free buffers kept at most (about two per batch in flight). */
  constructor(private readonly keep: number) {}

  /** A buffer of at least `bytes` (COPY_CHUNK unless one field needs more). */
  take(bytes: number): Buffer {
    const free = bytes <= COPY_CHUNK ? this.#free.pop() : undefined;
    return free ? Buffer.from(free) : Buffer.allocUnsafe(Math.max(COPY_CHUNK, bytes));
  }

  /** The chunks of a completed COPY: their buffers can be written again. */
  give(chunks: readonly Buffer[]): void {
    for (const chunk of chunks) {
      const whole = chunk.buffer;
      if (whole.byteLength !== COPY_CHUNK || chunk.byteOffset !== 0 || this.#free.length >= this.keep) continue;
      if (!this.#free.includes(whole as ArrayBuffer)) this.#free.push(whole as ArrayBuffer);
    }
  }

  /** Free buffers held now (for tests). */
  get held(): number {
    return this.#free.length;
  }
}
