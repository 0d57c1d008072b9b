import type { Logger } from "../log/types.js";
import type { Clock, HttpClient, HttpRequest } from "../net/types.js";
import type { Redactor } from "../secrets/types.js";
import type { RefreshTokenVault } from "./refresh-token-vault.js";

export interface Authenticator {
  /** Returns a new request carrying the credentials (header or query); the argument is not modified. */
  apply(request: HttpRequest): Promise<HttpRequest>;
  /** Called on a 401: OAuth2 drops its token, fetches a new one and returns true (the caller retries once); others return false. */
  onUnauthorized(): Promise<boolean>;
}

export interface AuthContext {
  client: HttpClient;
  clock: Clock;
  redactor: Redactor;
  logger: Logger;
  /** Where an authorization-code authenticator keeps its refresh token; absent, it cannot run. */
  refreshTokens?: RefreshTokenVault | undefined;
}

export const noAuth: Authenticator = {
  apply: async (request) => request,
  onUnauthorized: async () => false,
};

/** A header-only authenticator for credentials that never change during a run. */
export function staticHeader(name: string, value: string): Authenticator {
  return {
    apply: async (request) => ({ ...request, headers: { ...withoutHeader(request.headers, name), [name]: value } }),
    onUnauthorized: async () => false,
  };
}

/** Header names are case-insensitive: drop any spelling of `name` before setting it. */
export function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  const lower = name.toLowerCase();
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== lower));
}
