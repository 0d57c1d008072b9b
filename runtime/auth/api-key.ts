import type { ApiKeyAuth } from "../artifact/index.js";
import { type AuthContext, type Authenticator, staticHeader } from "./authenticator.js";

export function apiKeyAuthenticator(auth: ApiKeyAuth, ctx: Pick<AuthContext, "redactor">): Authenticator {
  ctx.redactor.add(auth.value);
  if (auth.in === "header") return staticHeader(auth.name, auth.value);
  return {
    apply: async (request) => {
      const url = new URL(request.url);
      url.searchParams.set(auth.name, auth.value);
      return { ...request, url: url.toString() };
    },
    onUnauthorized: async () => false,
  };
}
