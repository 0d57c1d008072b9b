import { randomBytes } from "node:crypto";
import { safeEqual } from "../safe-equal.js";

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** RFC 6749 §2.3.1: basic credentials are form-urlencoded before base64, so decode both layers. */
function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** Client credentials from a basic Authorization header, else from the form body. */
export function readClientCredentials(
  authorization: string | undefined,
  form: URLSearchParams,
): ClientCredentials | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  }
  const clientId = form.get("client_id");
  const clientSecret = form.get("client_secret");
  return clientId !== null && clientSecret !== null ? { clientId, clientSecret } : undefined;
}

/** Issues opaque bearer tokens and checks them against their expiry on the injected clock. */
export class TokenIssuer {
  readonly #expiries = new Map<string, number>();

  constructor(
    private readonly expected: ClientCredentials,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  accepts(credentials: ClientCredentials | undefined): boolean {
    if (!credentials) return false;
    // Both compared, always: no early exit that would time which of the two was wrong.
    const idOk = safeEqual(credentials.clientId, this.expected.clientId);
    const secretOk = safeEqual(credentials.clientSecret, this.expected.clientSecret);
    return idOk && secretOk;
  }

  issue(): { access_token: string; token_type: "Bearer"; expires_in: number } {
    const token = `erp_${randomBytes(24).toString("base64url")}`;
    this.#expiries.set(token, this.now() + this.ttlSeconds * 1000);
    return { access_token: token, token_type: "Bearer", expires_in: this.ttlSeconds };
  }

  /** True for `Bearer <token>` naming a token issued here and not yet expired. */
  authorizes(authorization: string | undefined): boolean {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    const expiry = token === undefined ? undefined : this.#expiries.get(token);
    return expiry !== undefined && this.now() < expiry;
  }
}
