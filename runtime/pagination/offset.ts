import type { OffsetPagination } from "../artifact/index.js";
import { numberAt } from "../json/path.js";
import { countIn, type Paginator, withValue } from "./paginator.js";

/** offset/limit parameters (query or body); a short page, or reaching totalPath, ends the run. */
export function offsetPaginator(spec: OffsetPagination): Paginator {
  return {
    first: (base) => withValue(withValue(base, spec.in, spec.offsetParam, 0), spec.in, spec.limitParam, spec.limit),
    next(page) {
      if (page.records.length < spec.limit) return undefined;
      const offset = countIn(page.request, spec.in, spec.offsetParam, 0) + page.records.length;
      const total = spec.totalPath === undefined ? undefined : numberAt(page.body, spec.totalPath);
      if (total !== undefined && offset >= total) return undefined;
      return {
        request: withValue(page.request, spec.in, spec.offsetParam, offset),
        key: `${spec.offsetParam}=${offset}`,
      };
    },
  };
}
