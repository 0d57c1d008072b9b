import type { Schema } from "./schema.js";

export type SpecVersion = "3.0" | "3.1" | "2.0";
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** A spec reduced to what the generator needs; every schema resolved. */
export interface LoadedSpec {
  title: string;
  version: string;
  openapi: SpecVersion;
  servers: string[];
  securitySchemes: SecurityScheme[];
  operations: Operation[];
  /** Where the spec was read from: a path relative to the working directory, or a URL. */
  source: string;
  /** Things that are odd but did not stop the load (an unknown security scheme type...). */
  warnings: string[];
}

export interface Operation {
  method: HttpMethod;
  path: string;
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: Response[];
  /** Alternatives (OR) of scheme sets (AND); `[]` is "no auth"; absent when the spec says nothing. */
  security?: string[][];
  /** Where it is in the source: `#/paths/~1customers/get`. */
  pointer: string;
}

export interface Parameter {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  required: boolean;
  schema: Schema;
  description?: string;
  example?: unknown;
}

export interface RequestBody {
  contentType: string;
  schema: Schema;
  required: boolean;
  description?: string;
}

export interface Response {
  /** `200`, `2XX` or `default`, as written. */
  status: string;
  contentType?: string;
  schema?: Schema;
  description?: string;
  /** Names of the headers the spec declares for this response (`Link`, `X-Total-Count`). */
  headers?: string[];
}

export type SecurityScheme = ApiKeyScheme | HttpScheme | OAuth2Scheme | OtherScheme;

interface SchemeBase {
  /** The scheme's key under `components.securitySchemes`, as named in `security` requirements. */
  id: string;
  description?: string;
}

export interface ApiKeyScheme extends SchemeBase {
  type: "apiKey";
  in: "header" | "query" | "cookie";
  /** The header, query parameter or cookie name. */
  name: string;
}

export interface HttpScheme extends SchemeBase {
  type: "http";
  /** Lower-cased: `basic`, `bearer`, or another IANA scheme. */
  scheme: string;
  bearerFormat?: string;
}

export interface OAuth2Scheme extends SchemeBase {
  type: "oauth2";
  clientCredentials?: { tokenUrl: string; scopes: Record<string, string>; refreshUrl?: string };
  /** A user authorizes once in a browser (`cannectors auth login`); runs then refresh tokens. */
  authorizationCode?: { authorizationUrl: string; tokenUrl: string; scopes: Record<string, string> };
  /** The other flows the spec declares (`implicit`, `password`): not usable by a connector. */
  otherFlows: string[];
}

export interface OtherScheme extends SchemeBase {
  type: "openIdConnect" | "mutualTLS";
  openIdConnectUrl?: string;
}
