import type { JsonRecord } from "../engine/modules.js";

/** A page as the paginators see it: the request that produced it and what came back. */
export interface FetchedPage {
  /** 1-based page number within the run. */
  number: number;
  /** The page URL the paginator asked for (before auth and incremental parameters). */
  url: URL;
  /** The URL that answered, after same-origin redirects. */
  responseUrl: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  records: JsonRecord[];
}

export interface NextPage {
  url: URL;
  /** The value that makes this page distinct (cursor, URL): reported when it repeats. */
  key: string;
}

/** One pagination strategy: where the next page is, or undefined when this was the last. */
export interface Paginator {
  first(base: URL): URL;
  next(page: FetchedPage): NextPage | undefined;
}

export function withParam(url: URL, name: string, value: string | number): URL {
  const next = new URL(url);
  next.searchParams.set(name, String(value));
  return next;
}
