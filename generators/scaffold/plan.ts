/**
 * What `cannectors generate` decided, as data: the renderer turns it into a DSL file, and the
 * tests can check decisions without parsing TypeScript.
 */
export type AuthPlan =
  | { kind: "apiKey"; in: "header" | "query"; name: string; secret: string }
  | { kind: "bearer"; secret: string }
  | { kind: "basic"; usernameSecret: string; passwordSecret: string }
  | {
      kind: "oauth2ClientCredentials";
      tokenUrl: string;
      clientIdSecret: string;
      clientSecretSecret: string;
      scopes?: string[];
    }
  | {
      kind: "oauth2AuthorizationCode";
      authorizationUrl: string;
      tokenUrl: string;
      clientIdSecret: string;
      clientSecretSecret: string;
      scopes?: string[];
    };

export type PaginationPlan =
  | {
      type: "cursor";
      cursorPath: string;
      cursorParam: string;
      limitParam?: string;
      limit?: number;
      hasMorePath?: string;
    }
  | { type: "nextUrl"; nextUrlPath: string }
  | { type: "linkHeader" }
  | { type: "offset"; offsetParam: string; limitParam: string; limit: number }
  | { type: "page"; pageParam: string; sizeParam?: string; size?: number };

/** An API key an AND security requirement needs besides `auth`, sent on every request of the API. */
export interface CredentialPlan {
  in: "header" | "query";
  name: string;
  secret: string;
}

/**
 * A query parameter or header the spec requires that is no credential (`xero-tenant-id`): its
 * default when the spec gives one, else `env(NAME)`, a value the developer must provide.
 */
export interface ParameterPlan {
  in: "header" | "query";
  name: string;
  value: { env: string } | { literal: string | number | boolean };
}

export interface EndpointPlan {
  /** Module the `paths` type is imported from, relative to the connector file. */
  typesImport: string;
  baseUrl: string;
  auth?: AuthPlan;
  /** Why an auth or pagination guess is uncertain; rendered as a comment. */
  notes: string[];
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  credentials?: CredentialPlan[];
  parameters?: ParameterPlan[];
}

export interface SourcePlan extends EndpointPlan {
  /** Path parameter → the configuration name its value is read from (`owner` → GITHUB_OWNER). */
  pathParams?: Record<string, string>;
  records?: string;
  pagination?: PaginationPlan;
  schedule: string;
}

export interface TargetPlan extends EndpointPlan {
  /** The target takes only form bodies (Stripe): `encoding: "form"`, one record per request. */
  encoding?: "form";
  batch?: { size: number; wrap?: string };
  /** Target field whose value keys the Idempotency-Key. */
  idempotencyField?: string;
}

export interface Suggestion {
  /** A TypeScript expression over the source record `r`, e.g. `r.first_name` or a helper call. */
  expression: string;
  confidence: number;
  reasons: string[];
  /** Source paths the expression reads, for the review walk-through. */
  sources: string[];
}

export interface FieldPlan {
  /** Dotted target path (`address.city` renders as a nested object). */
  target: string;
  required: boolean;
  /** A `{name}` placeholder of the target path, filled from this field of the record. */
  pathParam?: boolean;
  /** A required array of objects: mapped with `list.map((item) => ({ ... }))`, never dropped. */
  objectList?: boolean;
  /** Best candidates first; empty when nothing plausible was found. */
  suggestions: Suggestion[];
}

export interface ConnectorPlan {
  name: string;
  source: SourcePlan;
  target: TargetPlan;
  fields: FieldPlan[];
  /** Module-level constants the expressions use (enum lookup tables), by name. */
  constants: Record<string, Record<string, string | null>>;
}

/** Above this the suggestion is plain code; between the two, code marked for review; below, comments. */
export const CONFIDENCE = { accept: 0.9, review: 0.5 } as const;
