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
 * The proof is cheap on the common page (objects whose numbers are member values): the parsed
 * value's shape (keys, depth) plus one pass over the text's colons (member-colons.ts). Only a page
 * with numbers directly in lists, or whose colons do not settle it, takes the full scan (scan.ts),
 * which reads every character: about twice the cost on a typical page of records.
 */
export function decodeJson(text: string, options: ExactParseOptions): ExactParse {
  if (options.invalid !== undefined) return parseJsonExact(text, options);
  const value: unknown = JSON.parse(text);
  const shape = shapeOf(value);
  if (shape.depth > options.maxDepth) return parseJsonExact(text, options);
  if (!shape.looseNumber) {
    const colons = scanMemberColons(text);
    if (!colons.longNumber && colons.members === shape.keys) return lossless(value);
  }
  const scan = scanJson(text);
  if (!scan.longNumber && scan.members === shape.keys) return lossless(value);
  return parseJsonExact(text, options);
}

const lossless = (value: unknown): ExactParse => ({ value, problems: [], sources: new Map() });
