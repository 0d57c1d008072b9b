import { encodedForms } from "./encodings.js";
import type { Redactor } from "./types.js";
import { isPlainObject } from "./walk.js";

export const MASK = "***";

/**
 * Shorter values are ignored: masking every `abc` in every log line would destroy the text
 * while protecting nothing (a 3-char secret is guessable anyway).
 */
export const MIN_SECRET_LENGTH = 4;

interface Matchers {
  /** Finds whether any form occurs at all: the cheap early exit. */
  any: RegExp;
  /** The next occurrence, longest form first at a given start. */
  next: RegExp;
  /** Sticky: the longest form starting exactly at lastIndex, to catch occurrences overlapping a match. */
  at: RegExp;
  shortest: number;
}

/**
 * A redactor for `values` and every encoded form of them. The combined RegExp is built lazily,
 * on first use after a change, so adding many secrets costs one build.
 */
export function createRedactor(values: readonly string[] = []): Redactor {
  const forms = new Set<string>();
  let matchers: Matchers | undefined;

  const add = (secret: string): void => {
    if (secret.length < MIN_SECRET_LENGTH) return;
    for (const form of encodedForms(secret)) {
      if (form.length >= MIN_SECRET_LENGTH && !forms.has(form)) {
        forms.add(form);
        matchers = undefined;
      }
    }
  };

  const redact = (text: string): string => {
    if (forms.size === 0) return text;
    matchers ??= buildMatchers(forms);
    let current = text;
    // A secret that itself contains the mask could re-form around it; each pass shortens the text, so this ends.
    while (current.length >= matchers.shortest && matchers.any.test(current)) {
      current = maskAll(current, matchers);
    }
    return current;
  };

  const redactValue = <T>(value: T): T => redactDeep(value, redact, new WeakSet()) as T;

  for (const value of values) add(value);
  return { add, redact, redactValue };
}

function buildMatchers(forms: Set<string>): Matchers {
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  const alternation = sorted.map(escapeRegExp).join("|");
  return {
    any: new RegExp(alternation),
    next: new RegExp(alternation, "g"),
    at: new RegExp(alternation, "y"),
    shortest: sorted[sorted.length - 1]?.length ?? 0,
  };
}

/** Masks the union of all occurrences, so two overlapping secrets leave no tail of either visible. */
function maskAll(text: string, { next, at }: Matchers): string {
  let out = "";
  let from = 0;
  next.lastIndex = 0;
  for (let match = next.exec(text); match !== null; match = next.exec(text)) {
    const start = match.index;
    let end = start + match[0].length;
    // A form starting inside this span may reach past its end: widen until none does.
    for (let position = start + 1; position < end; position++) {
      at.lastIndex = position;
      const inner = at.exec(text);
      if (inner !== null) end = Math.max(end, position + inner[0].length);
    }
    out += text.slice(from, start) + MASK;
    from = end;
    next.lastIndex = end;
  }
  return out + text.slice(from);
}

function redactDeep(value: unknown, redact: (text: string) => string, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return redact(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact, seen));
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redact(key)] = redactDeep(item, redact, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
