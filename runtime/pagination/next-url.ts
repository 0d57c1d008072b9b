import type { NextUrlPagination } from "../artifact/index.js";
import { getPath } from "../json/path.js";
import type { Paginator } from "./paginator.js";

/** The next page's URL from the body, absolute or relative to the page that named it; the client enforces the host allowlist. */
export function nextUrlPaginator(spec: NextUrlPagination): Paginator {
  return {
    first: (base) => base,
    next(page) {
      const next = getPath(page.body, spec.nextUrlPath);
      if (typeof next !== "string" || next === "") return undefined;
      const url = new URL(next, page.responseUrl);
      return { request: { url, body: page.request.body }, key: url.toString() };
    },
  };
}
