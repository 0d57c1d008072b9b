import type { Readable } from "node:stream";
import { CannectorsError, ErrorCodes } from "../errors/index.js";

export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** Reads a whole body, refusing to buffer more than `maxBytes` (the declared length is checked first). */
export async function readBodyLimited(
  body: Readable,
  declaredLength: string | undefined,
  maxBytes: number,
  where: string,
): Promise<Buffer> {
  const tooLarge = (size: string) =>
    new CannectorsError(
      ErrorCodes.HTTP_RESPONSE_TOO_LARGE,
      `${where}: response body of ${size} exceeds the limit of ${maxBytes} bytes`,
      { details: { maxBytes } },
    );
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes) {
    // Destroying makes undici drop the connection instead of draining a body we will not read.
    body.on("error", () => {});
    body.destroy();
    throw tooLarge(`${declaredLength} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxBytes) {
      // Leaving the loop early destroys the stream (and the connection).
      throw tooLarge(`more than ${size} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}
