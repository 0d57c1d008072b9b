import type { Refusal } from "./body.js";

/** Deeper than any real webhook payload (GitHub's reach about 6), far below what a recursive walk would choke on. */
export const MAX_JSON_DEPTH = 64;

/** Keys that, copied naively into a plain object later, would reach Object.prototype. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Strict UTF-8, depth-limited JSON without prototype-polluting keys: the text to store and its value. */
export function parseDelivery(bytes: Uint8Array): { text: string; value: unknown } | Refusal {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { status: 400, reason: "the body is not valid UTF-8" };
  }
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    return { status: 400, reason: `the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels` };
  }
  let forbidden: string | undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, function (this: unknown, key: string, child: unknown) {
      if (FORBIDDEN_KEYS.has(key) && this !== null && typeof this === "object" && !Array.isArray(this)) {
        forbidden ??= key;
      }
      return child;
    });
  } catch {
    return { status: 400, reason: "the body is not valid JSON" };
  }
  if (forbidden !== undefined) return { status: 400, reason: `the JSON body has a forbidden key ${forbidden}` };
  return { text, value };
}

/** Deepest bracket nesting outside strings, measured before parsing so a hostile body costs one linear scan. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (code === 0x7d || code === 0x5d) depth--;
  }
  return deepest;
}
