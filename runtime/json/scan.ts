/** What one pass over a JSON text tells before it is parsed. */
export interface JsonScan {
  /** Deepest nesting of objects and arrays. */
  depth: number;
  /** Object members (colons outside strings): more than the parsed value's keys means a duplicate key. */
  members: number;
  /** A number a double may not hold exactly: 16 or more digits, or an exponent of 3 or more digits. */
  longNumber: boolean;
}

// Character classes of the text between strings; one table read instead of a chain of tests.
const OTHER = 0;
const DIGIT = 1;
const QUOTE = 2;
const OPEN = 3;
const CLOSE = 4;
const COLON = 5;
const IN_NUMBER = 6;
const EXPONENT = 7;
const CLASSES = new Uint8Array(128);
for (let code = 0x30; code <= 0x39; code++) CLASSES[code] = DIGIT;
CLASSES[0x22] = QUOTE;
CLASSES[0x7b] = CLASSES[0x5b] = OPEN;
CLASSES[0x7d] = CLASSES[0x5d] = CLOSE;
CLASSES[0x3a] = COLON;
CLASSES[0x2e] = CLASSES[0x2b] = CLASSES[0x2d] = IN_NUMBER;
CLASSES[0x65] = CLASSES[0x45] = EXPONENT;

/**
 * One linear pass: strings are skipped with indexOf (the bulk of a page is string content), and
 * only the text between strings is looked at character by character. The text need not be valid
 * JSON; the figures are then meaningless and the parse reports the error.
 */
export function scanJson(text: string): JsonScan {
  let depth = 0;
  let deepest = 0;
  let members = 0;
  let digits = 0;
  let exponentDigits = -1;
  let longNumber = false;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    const kind = code < 128 ? CLASSES[code] : OTHER;
    if (kind === QUOTE) {
      i = stringEnd(text, i);
      digits = 0;
      exponentDigits = -1;
      continue;
    }
    if (kind === DIGIT) {
      if (exponentDigits >= 0) {
        if (++exponentDigits >= 3) longNumber = true;
      } else if (++digits >= 16) longNumber = true;
    } else if (kind === COLON) {
      members++;
      digits = 0;
      exponentDigits = -1;
    } else if (kind === OPEN) {
      if (++depth > deepest) deepest = depth;
    } else if (kind === CLOSE) {
      depth--;
      digits = 0;
      exponentDigits = -1;
    } else if (kind === EXPONENT) {
      if (digits > 0) exponentDigits = 0;
    } else if (kind === OTHER) {
      digits = 0;
      exponentDigits = -1;
    }
    i++;
  }
  return { depth: deepest, members, longNumber };
}

/** The index after the string starting at `start` (a quote); the text's length when it never ends. */
export function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return end + 1;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}
