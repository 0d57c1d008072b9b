import { durationMs } from "../../../artifact/common.js";
import type { WebhookVerify } from "../schema.js";
import { verifyGithub } from "./github.js";
import { ACCEPTED, type HeaderReader, type Verdict, verifyHmacHeader } from "./hmac.js";
import { verifyStandardWebhooks } from "./standard-webhooks.js";
import { verifyStripe } from "./stripe.js";

export type { HeaderReader, Verdict } from "./hmac.js";

export type Verifier = (headers: HeaderReader, body: Uint8Array, nowMs: number) => Verdict;

/** One verifier per resolved `verify` block (secrets already substituted). */
export function createVerifier(verify: WebhookVerify): Verifier {
  switch (verify.type) {
    case "none":
      return () => ACCEPTED;
    case "hmac":
      return (headers, body) => verifyHmacHeader(verify, headers, body);
    case "github":
      return (headers, body) => verifyGithub(verify.secrets, headers, body);
    case "stripe": {
      const toleranceMs = durationMs(verify.tolerance);
      return (headers, body, nowMs) => verifyStripe({ secrets: verify.secrets, toleranceMs, nowMs }, headers, body);
    }
    case "standardWebhooks": {
      const toleranceMs = durationMs(verify.tolerance);
      return (headers, body, nowMs) =>
        verifyStandardWebhooks({ secrets: verify.secrets, toleranceMs, nowMs }, headers, body);
    }
  }
}
