import { TextDecoder } from "node:util";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { decodeUtf8Marking } from "./utf8-marking.js";

const decoders = new Map<string, TextDecoder>();

/** A body as text; `invalid` lists where bytes that were not UTF-8 stand as U+FFFD (UTF-8 bodies only). */
export interface BodyText {
  text: string;
  invalid?: InvalidBytes;
}

/** Sorted: `chars[k]` is the offset in the text of the U+FFFD standing for the bad byte at `bytes[k]`. */
export interface InvalidBytes {
  chars: number[];
  bytes: number[];
}

/**
 * A response body as text, strictly: the charset the Content-Type declares (UTF-8 when none). A
 * UTF-8 body with bytes that are not UTF-8 comes back with those bytes marked (`invalid`), so the
 * reader can fail the records that hold them rather than the whole page; bytes not valid in any
 * other charset, or an unknown charset, fail here. `where` names the request.
 */
export function decodeBodyText(body: Uint8Array, contentType: string | undefined, where: string): BodyText {
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
    return { text: decoder.decode(body) };
  } catch {
    if (decoder.encoding === "utf-8") return decodeUtf8Marking(body);
    throw new CannectorsError(
      ErrorCodes.PAGE_INVALID,
      `${where}: the body is not valid ${decoder.encoding}; nothing of the page was read`,
      { details: { charset: decoder.encoding } },
    );
  }
}
