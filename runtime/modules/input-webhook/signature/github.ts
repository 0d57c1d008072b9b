import { type HeaderReader, type Verdict, verifyHmacHeader } from "./hmac.js";

export const GITHUB_SIGNATURE_HEADER = "X-Hub-Signature-256";

/** GitHub signs the raw body: `X-Hub-Signature-256: sha256=<hex>`. */
export function verifyGithub(secrets: readonly string[], headers: HeaderReader, body: Uint8Array): Verdict {
  return verifyHmacHeader(
    { header: GITHUB_SIGNATURE_HEADER, encoding: "hex", prefix: "sha256=", secrets },
    headers,
    body,
  );
}
