import type { OAuth2AuthorizationCodeAuth } from "../artifact/index.js";
import { CannectorsError, ErrorCodes, isCannectorsError } from "../errors/index.js";
import { failpoint } from "../failpoints/index.js";
import { cachingAccessTokens } from "./access-token-cache.js";
import type { AuthContext, Authenticator } from "./authenticator.js";
import { type AccessToken, postTokenForm, type TokenEndpoint } from "./oauth2-token-request.js";
import type { RefreshTokenVault } from "./refresh-token-vault.js";

/** The endpoint's answer when a refresh token is revoked, expired or was never ours (RFC 6749 §5.2). */
function isInvalidGrant(error: unknown): boolean {
  return isCannectorsError(error, ErrorCodes.AUTH) && error.details.oauthError === "invalid_grant";
}

export function loginRequired(vault: RefreshTokenVault, why: string, cause?: unknown): CannectorsError {
  return new CannectorsError(
    ErrorCodes.AUTH_LOGIN_REQUIRED,
    `${why}: run \`cannectors auth login ${vault.loginArgument}\` to authorize again`,
    { ...(cause === undefined ? {} : { cause }), details: { connector: vault.connector } },
  );
}

export function tokenEndpointOf(auth: OAuth2AuthorizationCodeAuth): TokenEndpoint {
  return {
    tokenUrl: auth.tokenUrl,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    clientAuth: auth.clientAuth,
  };
}

/**
 * Authorization code (with PKCE, run once by `cannectors auth login`): access tokens come from the
 * refresh token the login stored, sealed, in the state store.
 *
 * Rotation. When the endpoint answers a refresh with a new refresh token, the new one is written
 * (one durable transaction, the old one kept as `previous`) before the access token is used, and
 * `previous` is dropped once a later refresh with the new one succeeds. So:
 * - a crash after the write loses nothing: the next run refreshes with the new token;
 * - a crash between the token response and the write (milliseconds: one state commit) leaves the
 *   old token stored. Providers that keep the old token valid for a grace period (Auth0's reuse
 *   interval, Salesforce, Google, which does not rotate) then work on; a provider that revoked it
 *   at once answers `invalid_grant`, and the run fails with CANNECTORS_E_AUTH_LOGIN_REQUIRED
 *   naming `cannectors auth login NAME`. This window cannot be closed client-side: the new token
 *   exists only in the response until it is written.
 * - when the stored current token is refused and a previous one is kept, the previous one is tried
 *   once (it is then the only token, as after a login).
 */
export function oauth2AuthorizationCodeAuthenticator(
  auth: OAuth2AuthorizationCodeAuth,
  ctx: AuthContext,
): Authenticator {
  if (auth.clientSecret !== undefined) ctx.redactor.add(auth.clientSecret);
  const endpoint = tokenEndpointOf(auth);
  const vault = ctx.refreshTokens;

  async function refreshWith(
    vaultOf: RefreshTokenVault,
    refreshToken: string,
    fallback: boolean,
  ): Promise<AccessToken> {
    ctx.redactor.add(refreshToken);
    const grant = new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken });
    const issued = await postTokenForm(endpoint, grant, ctx.client, ctx.redactor);
    failpoint("after-token-response");
    const rotated = issued.refreshToken !== undefined && issued.refreshToken !== refreshToken;
    if (fallback) await vaultOf.replace(issued.refreshToken ?? refreshToken);
    else if (rotated) await vaultOf.rotate(issued.refreshToken as string);
    else await vaultOf.confirm();
    failpoint("after-refresh-token-write");
    if (rotated) ctx.logger.info("oauth2 refresh token rotated", { connector: vaultOf.connector });
    return issued;
  }

  async function fetchAccessToken(): Promise<AccessToken> {
    if (!vault) {
      throw new CannectorsError(
        ErrorCodes.AUTH,
        "oauth2AuthorizationCode needs the state store and its key to read the refresh token (cannectors run provides both)",
      );
    }
    const stored = await vault.load();
    if (!stored) throw loginRequired(vault, `no refresh token is stored for ${vault.connector}`);
    try {
      return await refreshWith(vault, stored.current, false);
    } catch (error) {
      if (!isInvalidGrant(error)) throw error;
      if (stored.previous === undefined) {
        throw loginRequired(
          vault,
          `the refresh token of ${vault.connector} was refused (invalid_grant: revoked or expired)`,
          error,
        );
      }
      ctx.logger.warn("oauth2 refresh token refused; trying the one it replaced", { connector: vault.connector });
      try {
        return await refreshWith(vault, stored.previous, true);
      } catch (fallbackError) {
        if (!isInvalidGrant(fallbackError)) throw fallbackError;
        throw loginRequired(
          vault,
          `the refresh tokens of ${vault.connector} were refused (invalid_grant: revoked or expired)`,
          fallbackError,
        );
      }
    }
  }

  return cachingAccessTokens(fetchAccessToken, auth.refreshBefore, ctx, {
    tokenUrl: ctx.redactor.redact(auth.tokenUrl),
    grant: "refresh_token",
  });
}
