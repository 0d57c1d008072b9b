import type { LinkHeaderPagination } from "../artifact/index.js";
import { findLink } from "./link-header.js";
import type { Paginator } from "./paginator.js";

/** RFC 8288 `Link` header; the target is resolved against the URL that answered. */
export function linkHeaderPaginator(spec: LinkHeaderPagination): Paginator {
  return {
    first: (base) => base,
    next(page) {
      const link = findLink(page.headers.link, spec.rel);
      if (!link || link.uri === "") return undefined;
      const url = new URL(link.uri, page.responseUrl);
      return { request: { url, body: page.request.body }, key: url.toString() };
    },
  };
}
