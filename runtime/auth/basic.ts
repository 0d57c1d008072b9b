import type { BasicAuth } from "../artifact/index.js";
import { type AuthContext, type Authenticator, staticHeader } from "./authenticator.js";

export function basicCredentials(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, "utf8").toString("base64");
}

export function basicAuthenticator(auth: BasicAuth, ctx: Pick<AuthContext, "redactor">): Authenticator {
  const encoded = basicCredentials(auth.username, auth.password);
  ctx.redactor.add(auth.password);
  // The encoded pair is what actually travels and could be echoed back in a body or header.
  ctx.redactor.add(encoded);
  return staticHeader("Authorization", `Basic ${encoded}`);
}
