import type { OAuth2ClientCredentialsAuth } from "./schema.js";
import { cachingAccessTokens } from "./access-token-cache.js";
import type { AuthContext, Authenticator } from "./authenticator.js";
import { requestAccessToken } from "./oauth2-token-request.js";

/** Client-credentials authenticator: a token fetched, cached and refreshed before expiry (access-token-cache.ts). */
export function oauth2Authenticator(auth: OAuth2ClientCredentialsAuth, ctx: AuthContext): Authenticator {
  ctx.redactor.add(auth.clientSecret);
  return cachingAccessTokens(() => requestAccessToken(auth, ctx.client, ctx.redactor), auth.refreshBefore, ctx, {
    tokenUrl: ctx.redactor.redact(auth.tokenUrl),
  });
}
