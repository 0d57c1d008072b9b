import { createHash, timingSafeEqual } from "node:crypto";

/** Constant-time string comparison: hashing first makes the lengths equal, as timingSafeEqual requires. */
export function safeEqual(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
