import type { PagePagination } from "../artifact/index.js";
import { numberAt } from "../json/path.js";
import { type Paginator, withParam } from "./paginator.js";

/** Page number parameter from startAt; a page shorter than `size`, or the last of totalPagesPath, ends the run. */
export function pageNumberPaginator(spec: PagePagination): Paginator {
  return {
    first(base) {
      const url = withParam(base, spec.pageParam, spec.startAt);
      return spec.sizeParam && spec.size !== undefined ? withParam(url, spec.sizeParam, spec.size) : url;
    },
    next(page) {
      if (spec.size !== undefined && page.records.length < spec.size) return undefined;
      const current = Number(page.url.searchParams.get(spec.pageParam) ?? spec.startAt);
      const totalPages = spec.totalPagesPath === undefined ? undefined : numberAt(page.body, spec.totalPagesPath);
      if (totalPages !== undefined && current - spec.startAt + 1 >= totalPages) {
        return undefined;
      }
      const next = current + 1;
      return { url: withParam(page.url, spec.pageParam, next), key: `${spec.pageParam}=${next}` };
    },
  };
}
