import * as z from "zod";
import { HttpUrl, SecretString } from "../artifact/common.js";

export const ApiKeyAuth = z
  .strictObject({
    type: z.literal("apiKey"),
    in: z.enum(["header", "query"]).default("header"),
    name: z.string().min(1).describe("Header or query parameter name, e.g. X-API-Key."),
    value: SecretString,
  })
  .describe("An API key sent in a header or a query parameter.");

export const BearerAuth = z
  .strictObject({ type: z.literal("bearer"), token: SecretString })
  .describe("`Authorization: Bearer <token>`.");

export const BasicAuth = z
  .strictObject({ type: z.literal("basic"), username: SecretString, password: SecretString })
  .describe("HTTP basic authentication.");

export const OAuth2ClientCredentialsAuth = z
  .strictObject({
    type: z.literal("oauth2ClientCredentials"),
    tokenUrl: HttpUrl,
    clientId: SecretString,
    clientSecret: SecretString,
    scopes: z.array(z.string().min(1)).optional(),
    audience: z.string().optional(),
    clientAuth: z
      .enum(["basic", "body"])
      .default("basic")
      .describe("Send the client credentials as a basic Authorization header or in the form body."),
    refreshBefore: z
      .union([z.number().int().nonnegative(), z.string().regex(/^\d+(ms|s|m|h)$/)])
      .default("60s")
      .describe("Refresh the token this long before it expires."),
  })
  .describe("OAuth2 client credentials: a token fetched, cached and refreshed before expiry.");

export const OAuth2AuthorizationCodeAuth = z
  .strictObject({
    type: z.literal("oauth2AuthorizationCode"),
    authorizationUrl: HttpUrl.describe("Where `cannectors auth login` sends the browser (RFC 6749 §4.1.1)."),
    tokenUrl: HttpUrl,
    clientId: SecretString,
    clientSecret: SecretString.optional().describe(
      "Absent for a public client: PKCE (S256) alone then proves the code is ours.",
    ),
    scopes: z.array(z.string().min(1)).optional(),
    clientAuth: z
      .enum(["basic", "body"])
      .default("basic")
      .describe("Send the client credentials as a basic Authorization header or in the form body."),
    authorizationParams: z
      .record(z.string().min(1), z.string())
      .optional()
      .describe(
        "Extra query parameters of the authorization request, e.g. Google's access_type=offline, prompt=consent.",
      ),
    redirectPort: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(0)
      .describe(
        "Port of the loopback redirect http://127.0.0.1:<port>/callback; 0 picks a free one (RFC 8252 §7.3), set it when the provider wants the exact URI registered.",
      ),
    refreshBefore: z
      .union([z.number().int().nonnegative(), z.string().regex(/^\d+(ms|s|m|h)$/)])
      .default("60s")
      .describe("Refresh the access token this long before it expires."),
  })
  .describe(
    "OAuth2 authorization code with PKCE: `cannectors auth login NAME` runs the browser flow once and stores the refresh token encrypted in the state store; runs refresh access tokens from it and keep the rotated one.",
  );

export const Auth = z.discriminatedUnion("type", [
  ApiKeyAuth,
  BearerAuth,
  BasicAuth,
  OAuth2ClientCredentialsAuth,
  OAuth2AuthorizationCodeAuth,
]);
export type Auth = z.infer<typeof Auth>;
export type ApiKeyAuth = z.infer<typeof ApiKeyAuth>;
export type BearerAuth = z.infer<typeof BearerAuth>;
export type BasicAuth = z.infer<typeof BasicAuth>;
export type OAuth2ClientCredentialsAuth = z.infer<typeof OAuth2ClientCredentialsAuth>;
export type OAuth2AuthorizationCodeAuth = z.infer<typeof OAuth2AuthorizationCodeAuth>;
