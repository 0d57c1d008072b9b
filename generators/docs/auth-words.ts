/** The auth kind in plain words; a secret is only ever named by its environment variable. */
import type { Auth } from "../../runtime/artifact/index.js";
import { secretSource } from "./secret-words.js";

export function authWords(auth: Auth | undefined): string {
  if (!auth) return "none";
  switch (auth.type) {
    case "apiKey":
      return `API key in the ${auth.in === "header" ? "header" : "query parameter"} \`${auth.name}\`, from ${secretSource(auth.value)}`;
    case "bearer":
      return `bearer token from ${secretSource(auth.token)}`;
    case "basic":
      return `HTTP basic: user name from ${secretSource(auth.username)}, password from ${secretSource(auth.password)}`;
    case "oauth2ClientCredentials": {
      const scopes = auth.scopes?.length ? `, scopes ${auth.scopes.map((s) => `\`${s}\``).join(", ")}` : "";
      return (
        `OAuth2 client credentials from ${auth.tokenUrl} (client id from ${secretSource(auth.clientId)}, ` +
        `client secret from ${secretSource(auth.clientSecret)}, sent as ${auth.clientAuth === "basic" ? "basic auth" : "form fields"}${scopes}); ` +
        `the token is refreshed ${auth.refreshBefore} before it expires`
      );
    }
    case "oauth2AuthorizationCode": {
      const scopes = auth.scopes?.length ? `, scopes ${auth.scopes.map((s) => `\`${s}\``).join(", ")}` : "";
      const secret =
        auth.clientSecret === undefined ? "a public client" : `client secret from ${secretSource(auth.clientSecret)}`;
      return (
        `OAuth2 authorization code with PKCE at ${auth.authorizationUrl}, tokens from ${auth.tokenUrl} (client id from ${secretSource(auth.clientId)}, ${secret}${scopes}); ` +
        `authorize once with \`cannectors auth login\`, which stores the refresh token encrypted in the state store (key: CANNECTORS_STATE_KEY)`
      );
    }
  }
}
