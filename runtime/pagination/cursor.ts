import type { CursorPagination } from "../artifact/index.js";
import { getPath, stringifyJson } from "../json/index.js";
import { type Paginator, withValue } from "./paginator.js";

/**
 * Cursor read from the body at cursorPath and sent back at cursorParam; absent, null or "" ends the
 * run. In the query a cursor that is not a string is sent as its JSON text; in the body it is
 * written as the value read (exact numbers, Elasticsearch-like `search_after` lists).
 */
export function cursorPaginator(spec: CursorPagination): Paginator {
  return {
    first(base) {
      return spec.limitParam && spec.limit !== undefined ? withValue(base, spec.in, spec.limitParam, spec.limit) : base;
    },
    next(page) {
      const cursor = getPath(page.body, spec.cursorPath);
      if (cursor === undefined || cursor === null || cursor === "") return undefined;
      const text = typeof cursor === "string" ? cursor : stringifyJson(cursor);
      const value = spec.in === "body" ? cursor : text;
      return { request: withValue(page.request, spec.in, spec.cursorParam, value), key: text };
    },
  };
}
