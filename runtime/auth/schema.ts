import { z } from "zod";
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

export const Auth = z.discriminatedUnion("type", [ApiKeyAuth, BearerAuth, BasicAuth, OAuth2ClientCredentialsAuth]);
export type Auth = z.infer<typeof Auth>;
export type ApiKeyAuth = z.infer<typeof ApiKeyAuth>;
export type BearerAuth = z.infer<typeof BearerAuth>;
export type BasicAuth = z.infer<typeof BasicAuth>;
export type OAuth2ClientCredentialsAuth = z.infer<typeof OAuth2ClientCredentialsAuth>;
