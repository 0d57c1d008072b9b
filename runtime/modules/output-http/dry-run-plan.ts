import type { Auth } from "../../artifact/index.js";
import type { PlannedRequest } from "../../engine/modules.js";
import type { Redactor } from "../../secrets/types.js";
import type { DeliveryRequest } from "./delivery-request.js";
import { CREDENTIAL_HEADERS } from "../../secrets/credential-headers.js";
import { MASK } from "../../secrets/redactor.js";

/**
 * The request as it would go out, credentials shown as "***". Authentication is rendered from
 * the spec, never applied: a dry run must not fetch a token or touch the network. Masking covers
 * what came from secrets (headers, the URL's own text) and never the record: the body is exact.
 */
export function planRequest(request: DeliveryRequest, auth: Auth | undefined, redactor: Redactor): PlannedRequest {
  let url = request.maskedUrl;
  if (auth?.type === "apiKey" && auth.in === "query") {
    const withKey = new URL(url);
    withKey.searchParams.set(auth.name, MASK);
    url = withKey.toString();
  }
  const authHeader = authHeaderName(auth);

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? MASK : redactor.redact(value);
  }
  if (authHeader) {
    for (const name of Object.keys(headers)) if (name.toLowerCase() === authHeader) delete headers[name];
    headers[authHeader] = MASK;
  }
  return {
    method: request.method,
    url,
    headers,
    body: request.body,
  };
}

function authHeaderName(auth: Auth | undefined): string | undefined {
  if (!auth) return undefined;
  if (auth.type !== "apiKey") return "authorization";
  return auth.in === "header" ? auth.name.toLowerCase() : undefined;
}
