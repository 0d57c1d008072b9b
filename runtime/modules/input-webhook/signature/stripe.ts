import { ACCEPTED, anySecretMatches, decodeSignature, refused, type HeaderReader, type Verdict } from "./hmac.js";
import { timestampProblem } from "./timestamp.js";

export const STRIPE_SIGNATURE_HEADER = "Stripe-Signature";

export interface StripeOptions {
  secrets: readonly string[];
  toleranceMs: number;
  nowMs: number;
}

/**
 * `Stripe-Signature: t=<seconds>,v1=<hex>[,v1=<hex>...]`, each v1 an HMAC-SHA256 of `<t>.<raw body>`
 * with the endpoint secret (`whsec_...`, used as is). Other schemes (v0) are ignored, as Stripe says.
 */
export function verifyStripe(options: StripeOptions, headers: HeaderReader, body: Uint8Array): Verdict {
  const value = headers.get(STRIPE_SIGNATURE_HEADER);
  if (value === null) return refused(`missing ${STRIPE_SIGNATURE_HEADER} header`);
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const item of value.split(",")) {
    const equals = item.indexOf("=");
    const key = item.slice(0, equals).trim();
    const text = item.slice(equals + 1).trim();
    if (key === "t") timestamp = text;
    else if (key === "v1") {
      const decoded = decodeSignature(text, "hex");
      if (decoded) signatures.push(decoded);
    }
  }
  if (timestamp === undefined) return refused(`${STRIPE_SIGNATURE_HEADER} has no t=`);
  if (signatures.length === 0) return refused(`${STRIPE_SIGNATURE_HEADER} has no v1= signature`);
  const stale = timestampProblem(timestamp, options.nowMs, options.toleranceMs);
  if (stale) return refused(stale);
  return anySecretMatches(options.secrets, [`${timestamp}.`, body], signatures)
    ? ACCEPTED
    : refused(`${STRIPE_SIGNATURE_HEADER} does not match the body`);
}
