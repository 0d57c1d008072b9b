/** What one pass over a JSON text tells before it is parsed. */
export interface JsonScan {
  /** Deepest nesting of objects and arrays. */
  depth: number;
  /** Object members (colons outside strings): more than the parsed value's keys means a duplicate key. */
  members: number;
  /** A number a double may not hold exactly: 16 or more digits, or an exponent of 3 or more digits. */
  longNumber: boolean;
}

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
    if (code === 0x22) {
      i = stringEnd(text, i);
      digits = 0;
      exponentDigits = -1;
      continue;
    }
    if (code >= 0x30 && code <= 0x39) {
      if (exponentDigits >= 0) {
        if (++exponentDigits >= 3) longNumber = true;
      } else if (++digits >= 16) longNumber = true;
    } else if (code === 0x65 || code === 0x45) {
      if (digits > 0) exponentDigits = 0;
    } else if (code !== 0x2e && code !== 0x2b && code !== 0x2d) {
      digits = 0;
      exponentDigits = -1;
      if (code === 0x3a) members++;
      else if (code === 0x7b || code === 0x5b) {
        if (++depth > deepest) deepest = depth;
      } else if (code === 0x7d || code === 0x5d) depth--;
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
