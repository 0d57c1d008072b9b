import { decodeJson, DEFAULT_MAX_DEPTH } from "../json/index.js";
import type { RecordFailure } from "../engine/modules.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A broker message's body as one record, read exactly (big numbers kept, see runtime/json), or why
 * it cannot be one: not UTF-8, not JSON, not an object, a key twice. A failure is that message's
 * dead letter; the message is still acknowledged once the dead letter is written.
 */
export function messageRecord(
  body: Uint8Array,
  maxDepth: number | undefined,
): { ok: true; record: object } | { ok: false; failure: RecordFailure } {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return {
      ok: false,
      failure: { reason: "message body is not UTF-8", source: Buffer.from(body).toString("base64") },
    };
  }
  try {
    const parsed = decodeJson(text, { maxDepth: maxDepth ?? DEFAULT_MAX_DEPTH });
    if (parsed.problems.length > 0) {
      return { ok: false, failure: { reason: parsed.problems.map((p) => p.message).join("; "), source: text } };
    }
    const value = parsed.value;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return { ok: false, failure: { reason: "message body is JSON but not an object", source: text } };
    }
    return { ok: true, record: value };
  } catch (error) {
    return { ok: false, failure: { reason: `message body is not JSON: ${(error as Error).message}`, source: text } };
  }
}
