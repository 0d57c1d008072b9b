import { decodeJson } from "../../json/index.js";
import type { ExactParse } from "../../json/parse-exact.js";
import type { Refusal } from "./body.js";

/** Deeper than any real webhook payload (GitHub's reach about 6), far below what a recursive walk would choke on. */
export const MAX_JSON_DEPTH = 64;

/** Keys that, copied naively into a plain object later, would reach Object.prototype. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Strict UTF-8, depth-limited JSON without prototype-polluting keys or a key twice, numbers exact
 * (json/decode.ts): the text to store and its value.
 */
export function parseDelivery(bytes: Uint8Array): { text: string; value: unknown } | Refusal {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { status: 400, reason: "the body is not valid UTF-8" };
  }
  let parsed: ExactParse;
  try {
    parsed = decodeJson(text, { maxDepth: MAX_JSON_DEPTH });
  } catch {
    return { status: 400, reason: "the body is not valid JSON" };
  }
  const [problem] = parsed.problems;
  if (problem !== undefined) {
    const reason =
      problem.kind === "depth"
        ? `the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`
        : `the JSON body has a ${problem.message}`;
    return { status: 400, reason };
  }
  const value = parsed.value;
  const forbidden = forbiddenKey(value);
  if (forbidden !== undefined) return { status: 400, reason: `the JSON body has a forbidden key ${forbidden}` };
  return { text, value };
}

/** The first forbidden key of any object in the value; iterative, the value is at most MAX_JSON_DEPTH deep. */
function forbiddenKey(value: unknown): string | undefined {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== "object" || current === null) continue;
    if (Array.isArray(current)) {
      pending.push(...current);
      continue;
    }
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      pending.push((current as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}
