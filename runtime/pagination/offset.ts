import type { OffsetPagination } from "../artifact/index.js";
import { numberAt } from "../json/path.js";
import { type Paginator, withParam } from "./paginator.js";

/** offset/limit parameters; a short page, or reaching totalPath, ends the run. */
export function offsetPaginator(spec: OffsetPagination): Paginator {
  return {
    first: (base) => withParam(withParam(base, spec.offsetParam, 0), spec.limitParam, spec.limit),
    next(page) {
      if (page.records.length < spec.limit) return undefined;
      const offset = Number(page.url.searchParams.get(spec.offsetParam) ?? 0) + page.records.length;
      const total = spec.totalPath === undefined ? undefined : numberAt(page.body, spec.totalPath);
      if (total !== undefined && offset >= total) return undefined;
      return { url: withParam(page.url, spec.offsetParam, offset), key: `${spec.offsetParam}=${offset}` };
    },
  };
}
