import { type ExactParse, type ExactParseOptions, parseJsonExact } from "./parse-exact.js";
import { scanJson } from "./scan.js";
import { scanMemberColons } from "./member-colons.js";
import { shapeOf } from "./shape.js";

/** Nesting allowed within one record unless settings.limits.maxDepth says otherwise. */
export const DEFAULT_MAX_DEPTH = 64;

/**
 * JSON text to a value that loses nothing. JSON.parse is taken whenever it provably lost nothing:
 * no number of 16+ digits (or a 3-digit exponent) a double may not hold, no key given twice
 * (JSON.parse keeps the last silently), nesting within `maxDepth`. The rest takes parse-exact.ts,
 * which keeps big integers and long decimals exact and reports duplicate keys and over-deep
 * values by path. A text with bytes that were not UTF-8 (`invalid`) always takes parse-exact.ts,
 * which reports the strings holding them. Throws SyntaxError for text that is not JSON.
 *
 * The proof costs one walk of the parsed value (shape.ts) on the common page: compact JSON (no
 * blanks, as servers write it) whose numbers are safe integers. Its length equals the value's
 * compact length only when no key was given twice, no string holds an escape and every number
 * token is as short as a token for its value can be; such a token has at most 15 digits when it
 * has a `.` or an exponent (a safe integer has at most 16 digits), so parse-exact.ts would take
 * the same number.
 * Any other page is proven by one pass over the text's colons (member-colons.ts), and when that
 * does not settle it, by the full scan (scan.ts), which reads every character.
 */
export function decodeJson(text: string, options: ExactParseOptions): ExactParse {
  if (options.invalid !== undefined) return parseJsonExact(text, options);
  const value: unknown = JSON.parse(text);
  const shape = shapeOf(value);
  if (shape.depth > options.maxDepth) return parseJsonExact(text, options);
  if (shape.compactLength === text.length) return lossless(value);
  if (!shape.looseNumber) {
    const colons = scanMemberColons(text);
    if (!colons.longNumber && colons.members === shape.keys) return lossless(value);
  }
  const scan = scanJson(text);
  if (!scan.longNumber && scan.members === shape.keys) return lossless(value);
  return parseJsonExact(text, options);
}

const lossless = (value: unknown): ExactParse => ({ value, problems: [], sources: new Map() });
