import { createHmac, timingSafeEqual } from "node:crypto";

/** Why a delivery failed verification; said in the 401 body and the log, never with a secret. */
export type Verdict = { ok: true } | { ok: false; reason: string };

/** What a verifier reads of the request: a fetch `Headers`, or serve's view of a Node request (same joining). */
export type HeaderReader = Pick<Headers, "get">;

export const ACCEPTED: Verdict = { ok: true };
export const refused = (reason: string): Verdict => ({ ok: false, reason });

export function hmacSha256(secret: Uint8Array | string, parts: readonly (Uint8Array | string)[]): Buffer {
  const mac = createHmac("sha256", secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Constant time for equal lengths; a length mismatch is no secret (the digest length is public). */
export function sameBytes(expected: Buffer, given: Buffer): boolean {
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Strict decoding: a signature with stray characters is refused rather than half-read. */
export function decodeSignature(text: string, encoding: "hex" | "base64"): Buffer | undefined {
  const pattern = encoding === "hex" ? /^(?:[0-9a-fA-F]{2})+$/ : /^[A-Za-z0-9+/]+={0,2}$/;
  return pattern.test(text) ? Buffer.from(text, encoding) : undefined;
}

/** True when any secret signs `parts` into one of `signatures`; every pair is compared, no early exit on a match. */
export function anySecretMatches(
  secrets: readonly (Uint8Array | string)[],
  parts: readonly (Uint8Array | string)[],
  signatures: readonly Buffer[],
): boolean {
  let matched = false;
  for (const secret of secrets) {
    const expected = hmacSha256(secret, parts);
    for (const signature of signatures) matched = sameBytes(expected, signature) || matched;
  }
  return matched;
}

export interface HmacHeaderOptions {
  header: string;
  encoding: "hex" | "base64";
  prefix: string;
  secrets: readonly string[];
}

/** The generic scheme: `<header>: <prefix><encoded HMAC-SHA256 of the raw body>`. */
export function verifyHmacHeader(options: HmacHeaderOptions, headers: HeaderReader, body: Uint8Array): Verdict {
  const value = headers.get(options.header);
  if (value === null) return refused(`missing ${options.header} header`);
  if (!value.startsWith(options.prefix)) return refused(`${options.header} does not start with ${options.prefix}`);
  const signature = decodeSignature(value.slice(options.prefix.length).trim(), options.encoding);
  if (signature === undefined) return refused(`${options.header} is not ${options.encoding}`);
  return anySecretMatches(options.secrets, [body], [signature])
    ? ACCEPTED
    : refused(`${options.header} does not match the body`);
}
