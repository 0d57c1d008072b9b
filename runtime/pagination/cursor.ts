import type { CursorPagination } from "../artifact/index.js";
import { getPath, stringifyJson } from "../json/index.js";
import { type Paginator, withParam } from "./paginator.js";

/** Cursor read from the body at cursorPath and sent back as cursorParam; absent, null or "" ends the run. */
export function cursorPaginator(spec: CursorPagination): Paginator {
  return {
    first(base) {
      return spec.limitParam && spec.limit !== undefined ? withParam(base, spec.limitParam, spec.limit) : base;
    },
    next(page) {
      const cursor = getPath(page.body, spec.cursorPath);
      if (cursor === undefined || cursor === null || cursor === "") return undefined;
      const value = typeof cursor === "string" ? cursor : stringifyJson(cursor);
      return { url: withParam(page.url, spec.cursorParam, value), key: value };
    },
  };
}
