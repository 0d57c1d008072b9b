import { type ExactParse, type ExactParseOptions, parseJsonExact } from "./parse-exact.js";
import { scanJson } from "./scan.js";

/** Nesting allowed within one record unless settings.limits.maxDepth says otherwise. */
export const DEFAULT_MAX_DEPTH = 64;

/**
 * JSON text to a value that loses nothing: the common text (no number of 16+ digits, no
 * duplicate key, nesting within `maxDepth`) takes JSON.parse; the rest takes parse-exact.ts,
 * which keeps big integers and long decimals exact and reports duplicate keys and over-deep
 * values by path. One scan decides: it counts object members, and a parsed value with fewer
 * keys than members had a key twice (JSON.parse keeps the last silently). A text with bytes that
 * were not UTF-8 (`invalid`) always takes parse-exact.ts, which reports the strings holding them.
 * Throws SyntaxError for text that is not JSON.
 */
export function decodeJson(text: string, options: ExactParseOptions): ExactParse {
  if (options.invalid !== undefined) return parseJsonExact(text, options);
  const scan = scanJson(text);
  if (!scan.longNumber && scan.depth <= options.maxDepth) {
    const value: unknown = JSON.parse(text);
    if (countMembers(value) === scan.members) return { value, problems: [], sources: new Map() };
  }
  return parseJsonExact(text, options);
}

/** Keys of every object in a parsed value; iterative, the value may be as deep as maxDepth. */
function countMembers(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let count = 0;
  const pending: object[] = [value];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (Array.isArray(current)) {
      for (const item of current) if (typeof item === "object" && item !== null) pending.push(item);
      continue;
    }
    for (const key in current) {
      count++;
      const item = (current as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) pending.push(item);
    }
  }
  return count;
}
