// Authoring: the DSL of the HTTP input: its endpoint options, its node, its pagination builders (../README.md).
import { compact, frozenCopy } from "../../../dsl/freeze.js";
import type {
  ApiNode,
  ConfigValue,
  HeaderValues,
  InputNode,
  Lambda,
  PaginationNode,
  QueryValues,
} from "../../../dsl/ir.js";
import type { ArrayPaths, AtPath, ElementOf, ScalarPaths } from "../../../dsl/types/index.js";
import type { Duration, ValuePlace } from "../../artifact/index.js";

/** A source call's options as its node holds them (`Api`'s signatures type them against the spec). */
// `children` is set by `children(parent, ...)` (dsl/children.ts), never as a source call's option.
export type InputCallOptions = Partial<Omit<InputNode, "kind" | "type" | "api" | "method" | "path" | "children">>;

/** The options `.get`/`.post` accept as a source; any other option makes the call a target only. */
export const INPUT_KEYS = [
  "pathParams",
  "query",
  "headers",
  "body",
  "records",
  "response",
  "pagination",
  "schedule",
  "timezone",
  "incremental",
  "timeout",
] as const satisfies readonly (keyof InputCallOptions)[];

// A field the schema gains reaches InputNode; a source call must then accept it (listed above) or the
// node must leave it out (dsl/ir.ts): this alias fails to compile otherwise.
type _EveryInputOptionListed = NeverOr<Exclude<keyof InputCallOptions, (typeof INPUT_KEYS)[number]>>;
type NeverOr<Unlisted extends never> = Unlisted;

export function inputNode(
  api: ApiNode,
  method: InputNode["method"],
  path: string,
  options: InputCallOptions,
): InputNode {
  return compact({ kind: "input", type: "http", api, method, path, ...frozenCopy(options) });
}

/** The record type an input yields: the elements of the array at `records`, or of the body itself. */
export type RecordOf<Body, Records> = [Records] extends [string] ? ElementOf<AtPath<Body, Records>> : ElementOf<Body>;

/**
 * `pathParams` for a path with `{name}` placeholders: every parameter the spec declares, each a
 * value of its type, `env("NAME")` or a `text` template (not a secret: a path is shown in logs).
 */
export type PathParamsOption<Params> = [Params] extends [never]
  ? { pathParams?: undefined }
  : { pathParams: { readonly [K in keyof Params]-?: Extract<Params[K], string | number> | ConfigValue } };

/** `response`: the page format and its options (the artifact's `input.response`, defaults optional). */
export type ResponseFormatOptions = NonNullable<InputNode["response"]>;

/** Options of an input (`get`, or `post` used in `.from`), typed against the response body. */
export interface InputOptions<Body, Rec> {
  query?: QueryValues;
  headers?: HeaderValues;
  pagination?: Pagination<Body>;
  /** CRON expression (5 or 6 fields) for `cannectors serve`. */
  schedule?: string;
  timezone?: string;
  incremental?: {
    /** A field (or dotted path) of the record: its value on the last record delivered is the cursor. */
    cursorField: ScalarPaths<Rec>;
    /** A query parameter, or with `in: "body"` a dotted path into the JSON request body. */
    param: string;
    initialValue?: string;
    in?: ValuePlace;
    /** With `in: "body"`: the cursor as a JSON string (default) or a JSON number with the saved digits. */
    as?: "string" | "number";
  };
  /** How pages are decoded: `format` json, csv or xml (absent: from the Content-Type), with CSV and XML options. */
  response?: ResponseFormatOptions;
  timeout?: Duration;
}

/** `records`: where the array sits in the body. Required unless the body itself is the array. */
export type RecordsOption<Body, Records> = Body extends readonly unknown[]
  ? { records?: Records }
  : { records: [Records] extends [string] ? Records : ArrayPaths<Body> };

/** `post` used as a source: lists through a search body. */
export interface SearchOptions<Body, Rec, RequestBody> extends InputOptions<Body, Rec> {
  body?: RequestBody;
}

/** What `stopWhen` sees: the page's response, and the page number with its records. */
export interface PageResponse<Body> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Body;
}
export interface PageInfo {
  readonly number: number;
  readonly records: readonly unknown[];
}

declare const PAGE_BODY: unique symbol;

/**
 * A pagination node that remembers the response body type it was written against. The body
 * type is inferred from where the call stands (`pagination: cursor({...})` inside `get(...)`),
 * so `stopWhen` sees the spec's body without the user naming it.
 */
export type Pagination<Body = unknown> = PaginationNode & { readonly [PAGE_BODY]?: (body: Body) => void };

/**
 * `in`: where the strategy's values go. "query" (default) sends them as query parameters; "body"
 * writes them at dotted paths of the JSON request body of a `post` search, as exact JSON.
 */
interface StopOptions<Body> {
  hasMorePath?: string;
  /** `(response, page) => boolean`: true stops. Lowered to CEL over `response` and `page`. */
  stopWhen?: (response: PageResponse<Body>, page: PageInfo) => boolean;
  maxPages?: number;
}

type Node<T extends PaginationNode["type"]> = Extract<PaginationNode, { type: T }>;

function node<T extends PaginationNode["type"], Body>(
  type: T,
  options: object & StopOptions<Body>,
): Node<T> & Pagination<Body> {
  const { stopWhen, ...rest } = options;
  return compact({ kind: "pagination", type, ...rest, stopWhen: stopWhen as Lambda | undefined }) as never;
}

export function noPagination(): Node<"none"> {
  return compact({ kind: "pagination", type: "none" });
}

export function cursor<Body = unknown>(
  options: {
    cursorPath: string;
    /** A query parameter, or with `in: "body"` a dotted path into the JSON request body (e.g. `paging.cursor`). */
    cursorParam: string;
    limitParam?: string;
    limit?: number;
    in?: ValuePlace;
  } & StopOptions<Body>,
): Node<"cursor"> & Pagination<Body> {
  return node("cursor", options);
}

export function nextUrl<Body = unknown>(
  options: { nextUrlPath: string } & StopOptions<Body>,
): Node<"nextUrl"> & Pagination<Body> {
  return node("nextUrl", options);
}

export function linkHeader<Body = unknown>(
  options: { rel?: string } & StopOptions<Body> = {},
): Node<"linkHeader"> & Pagination<Body> {
  return node("linkHeader", options);
}

export function offset<Body = unknown>(
  options: {
    offsetParam?: string;
    limitParam?: string;
    limit: number;
    totalPath?: string;
    in?: ValuePlace;
  } & StopOptions<Body>,
): Node<"offset"> & Pagination<Body> {
  return node("offset", options);
}

export function page<Body = unknown>(
  options: {
    pageParam?: string;
    sizeParam?: string;
    size?: number;
    startAt?: number;
    totalPagesPath?: string;
    in?: ValuePlace;
  } & StopOptions<Body>,
): Node<"page"> & Pagination<Body> {
  return node("page", options);
}
