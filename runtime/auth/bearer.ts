import type { BearerAuth } from "../artifact/index.js";
import { type AuthContext, type Authenticator, staticHeader } from "./authenticator.js";

export function bearerAuthenticator(auth: BearerAuth, ctx: Pick<AuthContext, "redactor">): Authenticator {
  ctx.redactor.add(auth.token);
  return staticHeader("Authorization", `Bearer ${auth.token}`);
}
