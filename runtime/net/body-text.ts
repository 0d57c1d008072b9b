import { TextDecoder } from "node:util";
import { CannectorsError, ErrorCodes } from "../errors/index.js";

const decoders = new Map<string, TextDecoder>();

/**
 * A response body as text, strictly: the charset the Content-Type declares (UTF-8 when none),
 * and bytes that are not valid in it fail with where they are rather than becoming U+FFFD.
 * `where` names the request.
 */
export function decodeBodyText(body: Uint8Array, contentType: string | undefined, where: string): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "")?.[1]?.toLowerCase() ?? "utf-8";
  let decoder = decoders.get(charset);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(charset, { fatal: true });
    } catch {
      throw new CannectorsError(ErrorCodes.PAGE_INVALID, `${where}: the body's charset ${charset} is not supported`, {
        details: { charset },
      });
    }
    decoders.set(charset, decoder);
  }
  try {
    return decoder.decode(body);
  } catch {
    throw new CannectorsError(
      ErrorCodes.PAGE_INVALID,
      `${where}: the body is not valid ${decoder.encoding} (byte ${firstInvalidUtf8(body, decoder.encoding)} of ${body.length}); nothing of the page was read`,
      { details: { charset: decoder.encoding } },
    );
  }
}

/** Offset of the first byte a strict decoder rejects, found by halving (only on the failure path). */
function firstInvalidUtf8(body: Uint8Array, encoding: string): number | string {
  if (encoding !== "utf-8") return "?";
  let low = 0;
  let high = body.length;
  // The largest prefix that decodes is what precedes the bad byte (a prefix may end mid-character).
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(body.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  // The prefix may end inside a character the next byte breaks: the bad sequence starts there.
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body.subarray(0, low));
    return low;
  } catch {
    let start = low;
    while (start > 0 && (body[start - 1]! & 0xc0) === 0x80) start--;
    return start - 1;
  }
}
