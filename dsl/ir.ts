/**
 * The DSL's intermediate representation: the plain data every builder returns. The compiler
 * lowers it to an artifact; nothing here knows about types generated from OpenAPI specs.
 * Functions (map, filter, key lambdas) stay functions here; the compiler finds their source
 * through the span the build loader attaches to every function literal.
 */
import type { Duration, ValuePlace } from "../runtime/artifact/index.js";
import type { ResponseFormatOptions } from "./endpoint-options.js";
import type { BrokerInputNode, BrokerOutputNode } from "./broker-ir.js";
import type { WebhookInputNode } from "./webhook-ir.js";

/** Where a function literal stands in the original TypeScript file (character offsets). */
export interface SourceSpan {
  file: string;
  start: number;
  end: number;
}

/** Set by the build loader's transform on every arrow function and function expression. */
export const SOURCE_SPAN: unique symbol = Symbol.for("cannectors.sourceSpan") as never;

// biome-ignore lint/complexity/noBannedTypes: any function literal the user wrote
export type Lambda = Function & { readonly [SOURCE_SPAN]?: SourceSpan };

/** A value known only at run time: lowered to `${env:NAME}` (`env`) or `${secret:NAME}` (`secret`). */
export interface RefNode {
  readonly kind: "ref";
  readonly source: "env" | "secret";
  readonly name: string;
}

/** `env("NAME")`: configuration, shown as is. */
export interface EnvRefNode extends RefNode {
  readonly source: "env";
}

/** `secret("NAME")`: masked in every output. */
export interface SecretRefNode extends RefNode {
  readonly source: "secret";
}

/** Text mixing literals and refs, from the `text` tagged template: lowered to one string. */
export interface TextNode {
  readonly kind: "text";
  readonly parts: readonly (string | RefNode)[];
}

export type StringValue = string | RefNode | TextNode;

/** Where a secret has no place (a base URL, a token URL): a literal, `env(...)` or a `text` template of them. */
export type ConfigValue = string | EnvRefNode | TextNode;

export type AuthNode =
  | {
      readonly kind: "auth";
      readonly type: "apiKey";
      readonly in: "header" | "query";
      readonly name: string;
      readonly value: StringValue;
    }
  | { readonly kind: "auth"; readonly type: "bearer"; readonly token: StringValue }
  | { readonly kind: "auth"; readonly type: "basic"; readonly username: StringValue; readonly password: StringValue }
  | {
      readonly kind: "auth";
      readonly type: "oauth2ClientCredentials";
      readonly tokenUrl: ConfigValue;
      readonly clientId: StringValue;
      readonly clientSecret: StringValue;
      readonly scopes?: readonly string[];
      readonly audience?: string;
      readonly clientAuth?: "basic" | "body";
      readonly refreshBefore?: Duration;
    }
  | {
      readonly kind: "auth";
      readonly type: "oauth2AuthorizationCode";
      readonly authorizationUrl: ConfigValue;
      readonly tokenUrl: ConfigValue;
      readonly clientId: StringValue;
      readonly clientSecret?: StringValue;
      readonly scopes?: readonly string[];
      readonly clientAuth?: "basic" | "body";
      readonly authorizationParams?: Readonly<Record<string, string>>;
      readonly redirectPort?: number;
      readonly refreshBefore?: Duration;
    };

export interface ApiNode {
  readonly kind: "api";
  readonly baseUrl: ConfigValue;
  readonly auth?: AuthNode;
  readonly headers?: Readonly<Record<string, StringValue>>;
  readonly query?: Readonly<Record<string, StringValue | number | boolean>>;
}

interface StopConditions {
  readonly hasMorePath?: string;
  /** `(response, page) => boolean`, lowered to CEL with variables `response` and `page`. */
  readonly stopWhen?: Lambda;
  readonly maxPages?: number;
}

export type PaginationNode =
  | { readonly kind: "pagination"; readonly type: "none" }
  | ({
      readonly kind: "pagination";
      readonly type: "cursor";
      readonly cursorPath: string;
      readonly cursorParam: string;
      readonly limitParam?: string;
      readonly limit?: number;
      readonly in?: ValuePlace;
    } & StopConditions)
  | ({ readonly kind: "pagination"; readonly type: "nextUrl"; readonly nextUrlPath: string } & StopConditions)
  | ({ readonly kind: "pagination"; readonly type: "linkHeader"; readonly rel?: string } & StopConditions)
  | ({
      readonly kind: "pagination";
      readonly type: "offset";
      readonly offsetParam?: string;
      readonly limitParam?: string;
      readonly limit: number;
      readonly totalPath?: string;
      readonly in?: ValuePlace;
    } & StopConditions)
  | ({
      readonly kind: "pagination";
      readonly type: "page";
      readonly pageParam?: string;
      readonly sizeParam?: string;
      readonly size?: number;
      readonly startAt?: number;
      readonly totalPagesPath?: string;
      readonly in?: ValuePlace;
    } & StopConditions);

export interface InputNode {
  readonly kind: "input";
  readonly type: "http";
  readonly api: ApiNode;
  readonly method: "GET" | "POST";
  /** The OpenAPI path template as written, e.g. `/customers`. */
  readonly path: string;
  /** Values of the path's `{name}` placeholders. */
  readonly pathParams?: Readonly<Record<string, ConfigValue | number>>;
  readonly query?: Readonly<Record<string, StringValue | number | boolean>>;
  readonly headers?: Readonly<Record<string, StringValue>>;
  readonly body?: unknown;
  readonly records?: string;
  readonly pagination?: PaginationNode;
  readonly schedule?: string;
  readonly timezone?: string;
  readonly incremental?: {
    readonly cursorField: string;
    readonly param: string;
    readonly initialValue?: string;
    readonly in?: ValuePlace;
    readonly as?: "string" | "number";
  };
  readonly response?: ResponseFormatOptions;
  readonly timeout?: Duration;
}

export interface OutputNode {
  readonly kind: "output";
  readonly type: "http";
  readonly api: ApiNode;
  readonly method: "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path template; `{name}` parameters are filled from record fields of the same name. */
  readonly path: string;
  readonly query?: Readonly<Record<string, StringValue | number | boolean>>;
  readonly headers?: Readonly<Record<string, StringValue>>;
  readonly batch?: { readonly size: number; readonly wrap?: string };
  readonly encoding?: "json" | "form";
  /** `key` is `(record) => value`, lowered to CEL. */
  readonly idempotency?: { readonly header?: string; readonly key: Lambda };
  readonly responses?: {
    readonly success?: readonly (number | string)[];
    readonly retry?: readonly (number | string)[];
    readonly rateLimited?: readonly (number | string)[];
    readonly fail?: readonly (number | string)[];
  };
  readonly deadLetter?: { readonly path: string };
  readonly timeout?: Duration;
}

export type BranchNode = "keep" | "drop" | readonly FilterNode[];

export type FilterNode =
  /** `(record) => ({ target: value, ... })`: the lambda's object literal becomes the map's fields. */
  | { readonly kind: "map"; readonly fn: Lambda; readonly keepUnmapped?: boolean }
  /** `(record) => boolean`. */
  | { readonly kind: "condition"; readonly fn: Lambda; readonly then: BranchNode; readonly else: BranchNode }
  /** `(record) => ({ field: value, ... })`: fields added to the record. */
  | { readonly kind: "compute"; readonly fn: Lambda };

export interface SettingsNode {
  readonly retries?: {
    readonly maxAttempts?: number;
    readonly initialDelay?: Duration;
    readonly maxDelay?: Duration;
    readonly maxRetryAfter?: Duration;
    readonly jitter?: "full" | "none";
  };
  readonly rateLimit?: { readonly requestsPerSecond: number; readonly burst?: number };
  readonly timeouts?: { readonly connect?: Duration; readonly request?: Duration };
  readonly concurrency?: number;
  readonly network?: { readonly allowPrivateLinkLocal?: boolean; readonly allowHosts?: readonly string[] };
}

export interface ConnectorNode {
  readonly kind: "connector";
  readonly metadata: {
    readonly name: string;
    readonly version?: string;
    readonly description?: string;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly input: InputNode | WebhookInputNode | BrokerInputNode;
  readonly filters: readonly FilterNode[];
  readonly output: OutputNode | BrokerOutputNode;
  readonly settings?: SettingsNode;
}

export function isConnectorNode(value: unknown): value is ConnectorNode {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "connector";
}
