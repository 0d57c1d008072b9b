/** A refusal before anything is stored: the HTTP status and a short, secret-free reason. */
export interface Refusal {
  status: number;
  reason: string;
}

/** The media type without parameters, lower-cased: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase();
}

export function contentTypeRefusal(contentType: string | null, accepted: readonly string[]): Refusal | undefined {
  const type = mediaType(contentType);
  if (accepted.some((expected) => expected.toLowerCase() === type)) return undefined;
  return { status: 415, reason: `content type ${type || "(none)"} is not accepted; expected ${accepted.join(", ")}` };
}

/**
 * Reads the raw body, stopping as soon as it exceeds `limit`: at most limit + one chunk is ever
 * held, and the rest of the stream is cancelled rather than drained.
 */
export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array | Refusal> {
  const tooLarge: Refusal = { status: 413, reason: `body larger than ${limit} bytes` };
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    return { status: 400, reason: "the request body could not be read" };
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, size);
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && "status" in value && "reason" in value;
}
