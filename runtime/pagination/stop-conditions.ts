import type { Pagination } from "../artifact/index.js";
import { compileExpression } from "../expr/index.js";
import { getPath } from "../json/path.js";
import type { FetchedPage } from "./index.js";

/** hasMorePath, stopWhen and maxPages: true when no page should follow this one. */
export type StopCheck = (page: FetchedPage) => boolean;

export function createStopCheck(pagination: Pagination): StopCheck {
  if (pagination.type === "none") return () => true;
  const { hasMorePath, stopWhen, maxPages } = pagination;
  // Compiled once, up front, so a bad expression fails before the first request.
  const stopExpression = stopWhen === undefined ? undefined : compileExpression(stopWhen, ["response", "page"]);
  return (page) => {
    if (maxPages !== undefined && page.number >= maxPages) return true;
    if (hasMorePath !== undefined) {
      const hasMore = getPath(page.body, hasMorePath);
      if (hasMore === false || hasMore === "false") return true;
    }
    if (stopExpression) {
      const verdict = stopExpression({
        response: { status: page.status, headers: page.headers, body: page.body },
        page: { number: page.number, records: page.records },
      });
      if (verdict === true) return true;
    }
    return false;
  };
}
