import type { Readable } from "node:stream";
import { CannectorsError, ErrorCodes } from "../errors/index.js";

export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * Reads a whole body, refusing to buffer more than `maxBytes` (the declared length is checked first).
 * `where` names the request in errors; it is a function so the happy path never builds the text.
 */
export function readBodyLimited(
  body: Readable,
  declaredLength: string | undefined,
  maxBytes: number,
  where: () => string,
): Promise<Buffer> {
  const tooLarge = (size: string) =>
    new CannectorsError(
      ErrorCodes.HTTP_RESPONSE_TOO_LARGE,
      `${where()}: response body of ${size} exceeds the limit of ${maxBytes} bytes (settings.limits.maxResponseBytes)`,
      { details: { maxBytes } },
    );
  // Destroying makes undici drop the connection instead of draining a body we will not read.
  const drop = () => {
    body.on("error", () => {});
    body.destroy();
  };
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes) {
    drop();
    return Promise.reject(tooLarge(`${declaredLength} bytes`));
  }
  // Events rather than `for await`: the async iterator's per-chunk promises showed in the profile.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on("data", (chunk: Buffer | string) => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += buffer.length;
      if (size > maxBytes) {
        body.removeAllListeners("data");
        drop();
        reject(tooLarge(`more than ${size} bytes`));
        return;
      }
      chunks.push(buffer);
    });
    // `on`, not `once`: each `once` wraps its listener and unhooks it again, per response; the
    // body is read only here and settles once, so the listeners may stay until it is collected.
    let settled = false;
    body.on("error", (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    body.on("end", () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, size));
    });
    // Closed with neither: the body was cut short without an error (an Error per request is costly).
    body.on("close", () => {
      if (!settled) reject(new Error("response body closed before its end"));
    });
  });
}
