import type { PagePagination } from "../artifact/index.js";
import { numberAt } from "../json/path.js";
import { countIn, type Paginator, withValue } from "./paginator.js";

/** Page number (query or body) from startAt; a page shorter than `size`, or the last of totalPagesPath, ends the run. */
export function pageNumberPaginator(spec: PagePagination): Paginator {
  return {
    first(base) {
      const request = withValue(base, spec.in, spec.pageParam, spec.startAt);
      return spec.sizeParam && spec.size !== undefined
        ? withValue(request, spec.in, spec.sizeParam, spec.size)
        : request;
    },
    next(page) {
      if (spec.size !== undefined && page.records.length < spec.size) return undefined;
      const current = countIn(page.request, spec.in, spec.pageParam, spec.startAt);
      const totalPages = spec.totalPagesPath === undefined ? undefined : numberAt(page.body, spec.totalPagesPath);
      if (totalPages !== undefined && current - spec.startAt + 1 >= totalPages) {
        return undefined;
      }
      const next = current + 1;
      return { request: withValue(page.request, spec.in, spec.pageParam, next), key: `${spec.pageParam}=${next}` };
    },
  };
}
