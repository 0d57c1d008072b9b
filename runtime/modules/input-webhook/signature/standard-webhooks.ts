import { ACCEPTED, anySecretMatches, decodeSignature, refused, type HeaderReader, type Verdict } from "./hmac.js";
import { timestampProblem } from "./timestamp.js";

export interface StandardWebhooksOptions {
  secrets: readonly string[];
  toleranceMs: number;
  nowMs: number;
}

/** `whsec_<base64>`: the key is the decoded bytes. A secret without the prefix is taken as base64 too. */
export function standardWebhooksKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

/**
 * Standard Webhooks: `webhook-signature` is a space-separated list of `v1,<base64>`, each an
 * HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<raw body>`.
 */
export function verifyStandardWebhooks(
  options: StandardWebhooksOptions,
  headers: HeaderReader,
  body: Uint8Array,
): Verdict {
  const id = headers.get("webhook-id");
  const timestamp = headers.get("webhook-timestamp");
  const header = headers.get("webhook-signature");
  if (id === null || timestamp === null || header === null) {
    return refused("missing webhook-id, webhook-timestamp or webhook-signature header");
  }
  const stale = timestampProblem(timestamp, options.nowMs, options.toleranceMs);
  if (stale) return refused(stale);
  const signatures: Buffer[] = [];
  for (const item of header.split(" ")) {
    const [version, text] = item.split(",", 2);
    const decoded = version === "v1" && text ? decodeSignature(text, "base64") : undefined;
    if (decoded) signatures.push(decoded);
  }
  if (signatures.length === 0) return refused("webhook-signature has no v1 signature");
  const keys = options.secrets.map(standardWebhooksKey);
  return anySecretMatches(keys, [`${id}.${timestamp}.`, body], signatures)
    ? ACCEPTED
    : refused("webhook-signature does not match the body");
}
