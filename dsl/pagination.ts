import type { ValuePlace } from "../runtime/artifact/index.js";
import { compact } from "./freeze.js";
import type { Lambda, PaginationNode } from "./ir.js";

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
