import { MAX_LIST_LENGTH, MAX_STRING_LENGTH } from "../limits.js";
import { capString, LibraryError, quote } from "./library-error.js";
import { plainText } from "./plain-text.js";

export function concat(...values: unknown[]): string {
  let out = "";
  for (const value of values) {
    out += plainText(value);
    if (out.length > MAX_STRING_LENGTH) capString("concat", out, MAX_STRING_LENGTH);
  }
  return out;
}

export function split(text: string, separator: string): string[] {
  const parts = text.split(separator, MAX_LIST_LENGTH + 1);
  if (parts.length > MAX_LIST_LENGTH) throw new LibraryError("split", `more than ${MAX_LIST_LENGTH} parts`);
  return parts;
}

export function join(list: unknown, separator: string): string {
  const items = list instanceof Set ? [...list] : list;
  if (!Array.isArray(items)) throw new LibraryError("join", `expected a list, got ${quote(list)}`);
  if (items.length > MAX_LIST_LENGTH) throw new LibraryError("join", `more than ${MAX_LIST_LENGTH} elements`);
  let out = "";
  for (let i = 0; i < items.length; i++) {
    out += (i === 0 ? "" : separator) + plainText(items[i]);
    if (out.length > MAX_STRING_LENGTH) capString("join", out, MAX_STRING_LENGTH);
  }
  return out;
}
