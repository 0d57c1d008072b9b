import type { Auth } from "../artifact/index.js";
import { apiKeyAuthenticator } from "./api-key.js";
import { type AuthContext, type Authenticator, noAuth } from "./authenticator.js";
import { basicAuthenticator } from "./basic.js";
import { bearerAuthenticator } from "./bearer.js";
import { oauth2AuthorizationCodeAuthenticator } from "./oauth2-authorization-code.js";
import { oauth2Authenticator } from "./oauth2-client-credentials.js";

/** The authenticator for an artifact `auth` block whose secrets are already resolved. */
export function createAuthenticator(auth: Auth | undefined, ctx: AuthContext): Authenticator {
  switch (auth?.type) {
    case undefined:
      return noAuth;
    case "apiKey":
      return apiKeyAuthenticator(auth, ctx);
    case "bearer":
      return bearerAuthenticator(auth, ctx);
    case "basic":
      return basicAuthenticator(auth, ctx);
    case "oauth2ClientCredentials":
      return oauth2Authenticator(auth, ctx);
    case "oauth2AuthorizationCode":
      return oauth2AuthorizationCodeAuthenticator(auth, ctx);
  }
}
