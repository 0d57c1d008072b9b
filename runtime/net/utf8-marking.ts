import { TextDecoder } from "node:util";
import type { BodyText } from "./body-text.js";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * UTF-8 with each byte that does not start a well-formed sequence (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF) replaced by one U+FFFD whose place is recorded. Only for a
 * body the strict decoder refused, so the per-byte loop never runs on the common path.
 */
export function decodeUtf8Marking(bytes: Uint8Array): BodyText {
  const chars: number[] = [];
  const offsets: number[] = [];
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let text = "";
  let run = bom;
  let i = bom;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    text += strict.decode(bytes.subarray(run, i));
    chars.push(text.length);
    offsets.push(i);
    text += "\ufffd";
    i++;
    run = i;
  }
  text += strict.decode(bytes.subarray(run));
  return { text, invalid: { chars, bytes: offsets } };
}

/** Bytes in the well-formed sequence starting at `i`, or 0 when none starts there. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i]!;
  if (first < 0x80) return 1;
  const continuation = (at: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[at];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return continuation(i + 1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
  }
  return 0;
}
