import { durationMs } from "../artifact/common.js";
import { type AuthContext, type Authenticator, withoutHeader } from "./authenticator.js";
import type { AccessToken } from "./oauth2-token-request.js";

interface CachedToken {
  value: string;
  /** Clock time after which the token is replaced before use. */
  refreshAt: number;
}

/**
 * A bearer authenticator over a token source (an OAuth2 grant): one access token shared by every
 * request, replaced `refreshBefore` ahead of expiry and after a 401. Concurrent callers that find
 * no valid token share a single token request.
 */
export function cachingAccessTokens(
  fetchAccessToken: () => Promise<AccessToken>,
  refreshBefore: number | string,
  ctx: AuthContext,
  describe: Record<string, unknown>,
): Authenticator {
  const refreshBeforeMs = durationMs(refreshBefore);
  let cached: CachedToken | undefined;
  let inflight: Promise<string> | undefined;

  function refreshAt(obtainedAt: number, expiresInMs: number | undefined): number {
    if (expiresInMs === undefined) return Number.POSITIVE_INFINITY;
    // A lifetime shorter than the margin would mean a token request per call; use half of it instead.
    const margin = expiresInMs > refreshBeforeMs ? refreshBeforeMs : expiresInMs / 2;
    return obtainedAt + expiresInMs - margin;
  }

  function fetchToken(): Promise<string> {
    inflight ??= (async () => {
      const started = ctx.clock.now();
      const token = await fetchAccessToken();
      cached = { value: token.value, refreshAt: refreshAt(started, token.expiresInMs) };
      ctx.logger.debug("oauth2 token fetched", { ...describe, expiresInMs: token.expiresInMs });
      return token.value;
    })().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function currentToken(): Promise<string> {
    if (cached && ctx.clock.now() < cached.refreshAt) return cached.value;
    return fetchToken();
  }

  return {
    async apply(request) {
      const token = await currentToken();
      return {
        ...request,
        headers: { ...withoutHeader(request.headers, "authorization"), authorization: `Bearer ${token}` },
      };
    },
    async onUnauthorized() {
      // Callers that hit 401 together join the refresh already under way rather than start another.
      if (!inflight) cached = undefined;
      await fetchToken();
      return true;
    },
  };
}
