import type { ValuePlace } from "../artifact/index.js";
import type { JsonRecord } from "../engine/modules.js";
import { copyRecord, getPath, isPlainObject, writePath } from "../json/index.js";

/** What changes from page to page: the URL and, for a POST, the JSON body (undefined: none). */
export interface PageRequest {
  url: URL;
  body: unknown;
}

/** A page as the paginators see it: the request that produced it and what came back. */
export interface FetchedPage {
  /** 1-based page number within the run. */
  number: number;
  /** The page request the paginator asked for (before auth and query-string incremental parameters). */
  request: PageRequest;
  /** The URL that answered, after same-origin redirects. */
  responseUrl: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  records: JsonRecord[];
}

export interface NextPage {
  request: PageRequest;
  /** The value that makes this page distinct (cursor, URL): reported when it repeats. */
  key: string;
}

/** One pagination strategy: where the next page is, or undefined when this was the last. */
export interface Paginator {
  first(base: PageRequest): PageRequest;
  next(page: FetchedPage): NextPage | undefined;
}

/**
 * The request with `value` at `name`: a query parameter (as text), or a dotted path into the
 * body written as the JSON value itself (a cursor that is a number or a list stays one). The
 * body is copied along the path, never changed in place: earlier requests keep theirs.
 */
export function withValue(
  request: PageRequest,
  place: ValuePlace | undefined,
  name: string,
  value: unknown,
): PageRequest {
  if (place === "body") {
    const body: JsonRecord = isPlainObject(request.body) ? copyRecord(request.body) : {};
    writePath(body, name.split("."), value);
    return { url: request.url, body };
  }
  const url = new URL(request.url);
  url.searchParams.set(name, String(value));
  return { url, body: request.body };
}

/** The value a request carries at `name` (query parameter or body path), or undefined. */
export function valueIn(request: PageRequest, place: ValuePlace | undefined, name: string): unknown {
  if (place === "body") return getPath(request.body, name);
  return request.url.searchParams.get(name) ?? undefined;
}

/** A page number or offset a request carries, as a number (`fallback` when absent). */
export function countIn(request: PageRequest, place: ValuePlace | undefined, name: string, fallback: number): number {
  const value = valueIn(request, place, name);
  return value === undefined || value === null ? fallback : Number(value);
}
