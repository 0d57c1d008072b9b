import { randomBytes } from "node:crypto";

let lastMs = -1;
let counter = 0;

/**
 * A 24-hex-char id that sorts by creation time: 12 hex of epoch milliseconds, 4 of a per-millisecond
 * counter (monotonic within a process), 8 random (unique across processes sharing a database).
 */
export function newExecutionId(nowMs: number = Date.now()): string {
  const ms = Math.max(Math.floor(nowMs), lastMs);
  if (ms === lastMs) counter++;
  else counter = 0;
  lastMs = ms;
  if (counter > 0xffff) {
    lastMs = ms + 1;
    counter = 0;
  }
  return lastMs.toString(16).padStart(12, "0") + counter.toString(16).padStart(4, "0") + randomBytes(4).toString("hex");
}
