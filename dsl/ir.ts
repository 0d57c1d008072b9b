/**
 * The DSL's intermediate representation: the plain data every builder returns. The compiler
 * lowers it to an artifact; nothing here knows about types generated from OpenAPI specs.
 * Functions (map, filter, key lambdas) stay functions here; the compiler finds their source
 * through the span the build loader attaches to every function literal.
 *
 * Each node is derived from its module's zod schema (authored.ts says how): a schema change shows
 * up here, not in a hand-kept copy. What differs from the artifact is said where it differs.
 */
import type { z } from "zod";
import type { Metadata } from "../runtime/artifact/connector.js";
import type { QueryMap, StringMap } from "../runtime/artifact/common.js";
import type { Settings } from "../runtime/artifact/settings.js";
import type { Auth } from "../runtime/auth/schema.js";
import type { ComputeFilter } from "../runtime/modules/filter-compute/schema.js";
import type { ConditionFilter } from "../runtime/modules/filter-condition/schema.js";
import type { MapFilter } from "../runtime/modules/filter-map/schema.js";
import type { HttpInput } from "../runtime/modules/input-http/schema.js";
import type { HttpOutput } from "../runtime/modules/output-http/schema.js";
import type { Pagination } from "../runtime/pagination/schema.js";
import type { Always, Authored, Frozen, Without } from "./authored.js";
import type { BrokerInputNode, BrokerOutputNode } from "./broker-ir.js";
import type { AggregateFilterNode } from "../runtime/modules/filter-aggregate/dsl.js";
import type { EnrichFilterNode } from "../runtime/modules/filter-enrich/dsl.js";
import type { SplitFilterNode } from "../runtime/modules/filter-split/dsl.js";
import type { SqlInputNode, SqlOutputNode } from "./sql-ir.js";
import type { FilesOutputNode } from "../runtime/modules/output-files/dsl.js";
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

/** A schema's plain `string` (a `${env:X}` holder in the artifact) as the DSL writes it; string literals stay. */
export type WithRefs<T, V extends StringValue = StringValue> = T extends string ? (string extends T ? V : T) : T;

/** Header values and query values: the artifact's maps, with refs where the artifact has `${env:X}` strings. */
export type HeaderValues = Readonly<Record<string, WithRefs<z.input<typeof StringMap>[string]>>>;
export type QueryValues = Readonly<Record<string, WithRefs<z.input<typeof QueryMap>[string]>>>;

/** The artifact's auth, with refs in its secret fields and `env`-only refs in its URLs (a secret would mask the host). */
export type AuthNode = { readonly kind: "auth" } & Authored<
  z.input<typeof Auth>,
  {
    value: StringValue;
    token: StringValue;
    username: StringValue;
    password: StringValue;
    clientId: StringValue;
    clientSecret: StringValue;
    tokenUrl: ConfigValue;
    authorizationUrl: ConfigValue;
  }
>;

type HttpInputFields = z.input<typeof HttpInput>;
type HttpOutputFields = z.input<typeof HttpOutput>;

/**
 * What `api(...)` holds for every call made on it: the fields the HTTP input and output share,
 * written once per API and merged into each call's own headers and query by the lowering.
 */
export type ApiNode = { readonly kind: "api" } & Authored<
  Pick<HttpInputFields & HttpOutputFields, "baseUrl" | "auth" | "headers" | "query">,
  { baseUrl: ConfigValue; auth: AuthNode; headers: HeaderValues; query: QueryValues }
>;

/** The child operation of a dependent-requests input (the artifact's `input.children`). */
export interface ChildrenNode {
  readonly kind: "children";
  /** The child's API: the parent's, so the child path is on the parent's baseUrl. */
  readonly api: ApiNode;
  readonly path: string;
  /** Path parameter (or query parameter) name → parent field path. */
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, StringValue | number | boolean>>;
  readonly records?: string;
  readonly pagination?: PaginationNode;
  readonly carry?: Readonly<Record<string, string>>;
  readonly key?: string;
  readonly concurrency?: number;
  readonly incremental?: { readonly cursorField: string; readonly param: string; readonly initialValue?: string };
}

/** The artifact's pagination; `stopWhen` is `(response, page) => boolean`, lowered to CEL over `response` and `page`. */
export type PaginationNode = { readonly kind: "pagination" } & Authored<
  z.input<typeof Pagination>,
  { stopWhen: Lambda }
>;

/**
 * An `api.get(...)` or `api.post(...)` used as a source. `baseUrl` and `auth` are the api's
 * (`api`); `contract` has no DSL option (a TypeScript connector is checked against its spec when
 * built); `method` and `path` are always set by the call.
 */
export type InputNode = { readonly kind: "input"; readonly api: ApiNode } & Authored<
  Always<Without<HttpInputFields, "baseUrl" | "auth" | "contract">, "method" | "path">,
  {
    /** Values of the path's `{name}` placeholders: not secrets (a path is shown in logs). */
    pathParams: Readonly<Record<string, WithRefs<NonNullable<HttpInputFields["pathParams"]>[string], ConfigValue>>>;
    query: QueryValues;
    headers: HeaderValues;
    pagination: PaginationNode;
    /** The request body of a search: user JSON, refs allowed anywhere in it. */
    body: unknown;
    /** Dependent requests: for each record, the child operation (`children(...)`). */
    children: ChildrenNode;
  }
>;

/**
 * An `api.post/put/patch/delete(...)` used as a target: as the input, `baseUrl` and `auth` are the
 * api's and `contract` has no DSL option. The idempotency `key` is `(record) => value`, lowered to CEL.
 */
export type HttpOutputNode = { readonly kind: "output"; readonly api: ApiNode } & Authored<
  Always<Without<HttpOutputFields, "baseUrl" | "auth" | "contract">, "method" | "path">,
  {
    query: QueryValues;
    headers: HeaderValues;
    idempotency: Authored<NonNullable<HttpOutputFields["idempotency"]>, { key: Lambda }>;
  }
>;

/** Where records go: one HTTP call, one broker publish (AMQP, NATS), a SQL table, or routes, fan-out and fallback over other outputs. */
export type OutputNode =
  | HttpOutputNode
  | BrokerOutputNode
  | SqlOutputNode
  | FilesOutputNode
  | RoutesOutputNode
  | FanoutOutputNode
  | FallbackOutputNode;

/** Content-based router: the first route whose `when` holds takes the record, else `default`. */
export interface RoutesOutputNode {
  readonly kind: "output";
  readonly type: "routes";
  /** `when` is `(record) => boolean`, lowered to CEL. */
  readonly routes: readonly { readonly when: Lambda; readonly output: OutputNode }[];
  readonly default: OutputNode | "drop";
}

/** Recipient list: every output receives every record, through its own filters. */
export interface FanoutOutputNode {
  readonly kind: "output";
  readonly type: "fanout";
  readonly outputs: readonly { readonly filters: readonly FilterNode[]; readonly output: OutputNode }[];
}

/** Dead-letter channel: a record the primary output refuses goes to the fallback output. */
export interface FallbackOutputNode {
  readonly kind: "output";
  readonly type: "fallback";
  readonly primary: OutputNode;
  readonly fallback: OutputNode;
}

export type BranchNode = "keep" | "drop" | readonly FilterNode[];

type MapFields = z.input<typeof MapFilter>;
type ConditionFields = z.input<typeof ConditionFilter>;
type ComputeFields = z.input<typeof ComputeFilter>;

/**
 * A filter node is tagged `kind` (the schema's `type`), and holds the lambda the compiler lowers
 * to the fields or the condition the schema holds; every other schema field is kept as written.
 */
export type FilterNode =
  /** `(record) => ({ target: value, ... })`: the lambda's object literal becomes the map's fields. */
  | ({ readonly kind: MapFields["type"]; readonly fn: Lambda } & Authored<Without<MapFields, "type" | "fields">>)
  /** `(record) => boolean`; both branches always set (`.filter` is keep / drop). */
  | ({ readonly kind: ConditionFields["type"]; readonly fn: Lambda } & Authored<
      Always<Without<ConditionFields, "type" | "if">, "then" | "else">,
      { then: BranchNode; else: BranchNode }
    >)
  /** `(record) => ({ field: value, ... })`: fields added to the record. */
  | ({ readonly kind: ComputeFields["type"]; readonly fn: Lambda } & Authored<
      Without<ComputeFields, "type" | "fields">
    >)
  /** The page-level and one-to-many filters: their options are their artifact config (module folders' dsl.ts). */
  | EnrichFilterNode
  | SplitFilterNode
  | AggregateFilterNode;

/** The artifact's settings, as written (defaults optional). */
export type SettingsNode = Frozen<z.input<typeof Settings>>;

export interface ConnectorNode {
  readonly kind: "connector";
  readonly metadata: Frozen<z.input<typeof Metadata>>;
  readonly input: InputNode | WebhookInputNode | BrokerInputNode | SqlInputNode;
  readonly filters: readonly FilterNode[];
  readonly output: OutputNode;
  readonly settings?: SettingsNode;
}

export function isConnectorNode(value: unknown): value is ConnectorNode {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "connector";
}
