/** What one pass over a JSON text's colons tells, without reading its strings. */
export interface MemberColons {
  /**
   * Colons whose previous non-blank character is a quote: every object member's colon is one (a
   * key ends with a quote), so this is never below the text's member count. A colon inside a
   * string counts only after an escaped quote (`\":`), which makes the figure larger, never smaller.
   */
  members: number;
  /** A number right after a colon with 16+ digits or a 3-digit exponent (a double may not hold it). */
  longNumber: boolean;
}

const isBlank = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * For valid JSON whose parsed value has `keys` keys and no number outside object members:
 * `members === keys` proves no key was given twice (keys ≤ members ≤ this count), and no long
 * number proves every number is a double's exact text, since every member value that is a number
 * starts right after its colon. A colon inside a string may read digits that are not a number:
 * that can only report a long number that is not there (the full scan then decides), never hide one.
 */
export function scanMemberColons(text: string): MemberColons {
  let members = 0;
  let longNumber = false;
  let colon = text.indexOf(":");
  while (colon !== -1) {
    let before = colon - 1;
    while (isBlank(text.charCodeAt(before))) before--;
    if (text.charCodeAt(before) === 0x22) members++;
    let at = colon + 1;
    let code = text.charCodeAt(at);
    while (isBlank(code)) code = text.charCodeAt(++at);
    if (isDigit(code) || code === 0x2d) {
      let digits = 0;
      let exponentDigits = -1;
      for (; ; code = text.charCodeAt(++at)) {
        if (isDigit(code)) {
          if (exponentDigits >= 0) exponentDigits++;
          else digits++;
        } else if (code === 0x65 || code === 0x45) exponentDigits = 0;
        else if (code !== 0x2e && code !== 0x2d && code !== 0x2b) break;
      }
      if (digits >= 16 || exponentDigits >= 3) longNumber = true;
    }
    colon = text.indexOf(":", colon + 1);
  }
  return { members, longNumber };
}
