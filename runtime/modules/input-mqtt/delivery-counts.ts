import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Entries kept at most: the oldest go first (a message acknowledged by a killed run leaves its entry). */
const MAX_ENTRIES = 10_000;

/**
 * Redeliveries of MQTT messages, which carry no delivery count of their own: only the DUP flag,
 * set when the broker sends again a message it sent before (on a session resumed). A message is
 * named by its packet id and a hash of its topic and payload: the broker resends it with both
 * unchanged, and no two messages in flight on one session share a packet id. The file is written
 * (synchronously, renamed into place) when a redelivered message arrives, before it is processed,
 * so that a message which kills the run is counted all the same; entries of acknowledged messages
 * are dropped at close.
 */
export class DeliveryCounts {
  #counts = new Map<string, number>();
  #dirty = false;

  constructor(readonly file: string) {
    try {
      const stored = JSON.parse(readFileSync(file, "utf8")) as Record<string, number>;
      for (const [key, count] of Object.entries(stored)) if (Number.isInteger(count)) this.#counts.set(key, count);
    } catch {
      // No file yet (or an unreadable one): every redelivery counts from 1 again.
    }
  }

  static keyOf(packetId: number, topic: string, payload: Uint8Array): string {
    const hash = createHash("sha256").update(topic).update("\0").update(payload).digest("hex").slice(0, 16);
    return `${packetId}:${hash}`;
  }

  /** Counts one more redelivery of `key` and returns how many there have been. */
  redelivered(key: string): number {
    const count = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.delete(key);
    this.#counts.set(key, count);
    while (this.#counts.size > MAX_ENTRIES) this.#counts.delete(this.#counts.keys().next().value!);
    this.#dirty = true;
    this.save();
    return count;
  }

  /** `key` was acknowledged: its count is dropped at the next save. */
  forget(key: string): void {
    this.#dirty = this.#counts.delete(key) || this.#dirty;
  }

  save(): void {
    if (!this.#dirty) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(Object.fromEntries(this.#counts)));
    renameSync(temporary, this.file);
    this.#dirty = false;
  }
}
