import type { Duration } from "../runtime/artifact/index.js";
import { compact } from "./freeze.js";
import type { AuthNode, ConfigValue, StringValue } from "./ir.js";
import { configValue } from "./refs.js";

type AuthOf<T extends AuthNode["type"]> = Extract<AuthNode, { type: T }>;

export function apiKey(options: { in?: "header" | "query"; name: string; value: StringValue }): AuthOf<"apiKey"> {
  return compact({
    kind: "auth",
    type: "apiKey",
    in: options.in ?? "header",
    name: options.name,
    value: options.value,
  });
}

export function bearer(token: StringValue): AuthOf<"bearer"> {
  return compact({ kind: "auth", type: "bearer", token });
}

export function basic(options: { username: StringValue; password: StringValue }): AuthOf<"basic"> {
  return compact({ kind: "auth", type: "basic", username: options.username, password: options.password });
}

export function oauth2ClientCredentials(options: {
  tokenUrl: ConfigValue;
  clientId: StringValue;
  clientSecret: StringValue;
  scopes?: readonly string[];
  audience?: string;
  clientAuth?: "basic" | "body";
  refreshBefore?: Duration;
}): AuthOf<"oauth2ClientCredentials"> {
  return compact({
    kind: "auth",
    type: "oauth2ClientCredentials",
    tokenUrl: configValue("tokenUrl", options.tokenUrl),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scopes: options.scopes === undefined ? undefined : Object.freeze([...options.scopes]),
    audience: options.audience,
    clientAuth: options.clientAuth,
    refreshBefore: options.refreshBefore,
  });
}

/**
 * OAuth2 authorization code with PKCE, for APIs a user authorizes in a browser (Salesforce, HubSpot,
 * Google, Xero). `cannectors auth login NAME` runs the browser flow once; runs then refresh access
 * tokens from the refresh token it stored, encrypted, in the state store. Leave `clientSecret` out
 * for a public client.
 */
export function oauth2AuthorizationCode(options: {
  authorizationUrl: ConfigValue;
  tokenUrl: ConfigValue;
  clientId: StringValue;
  clientSecret?: StringValue;
  scopes?: readonly string[];
  clientAuth?: "basic" | "body";
  authorizationParams?: Readonly<Record<string, string>>;
  redirectPort?: number;
  refreshBefore?: Duration;
}): AuthOf<"oauth2AuthorizationCode"> {
  return compact({
    kind: "auth",
    type: "oauth2AuthorizationCode",
    authorizationUrl: configValue("authorizationUrl", options.authorizationUrl),
    tokenUrl: configValue("tokenUrl", options.tokenUrl),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scopes: options.scopes === undefined ? undefined : Object.freeze([...options.scopes]),
    clientAuth: options.clientAuth,
    authorizationParams:
      options.authorizationParams === undefined ? undefined : Object.freeze({ ...options.authorizationParams }),
    redirectPort: options.redirectPort,
    refreshBefore: options.refreshBefore,
  });
}
