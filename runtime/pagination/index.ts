import type { Pagination } from "../artifact/index.js";
import { cursorPaginator } from "./cursor.js";
import { linkHeaderPaginator } from "./link-header-paginator.js";
import { nextUrlPaginator } from "./next-url.js";
import { singlePage } from "./none.js";
import { offsetPaginator } from "./offset.js";
import { pageNumberPaginator } from "./page-number.js";
import type { Paginator } from "./paginator.js";

export type { FetchedPage, NextPage, PageRequest, Paginator } from "./paginator.js";

export function createPaginator(spec: Pagination): Paginator {
  switch (spec.type) {
    case "none":
      return singlePage;
    case "cursor":
      return cursorPaginator(spec);
    case "nextUrl":
      return nextUrlPaginator(spec);
    case "linkHeader":
      return linkHeaderPaginator(spec);
    case "offset":
      return offsetPaginator(spec);
    case "page":
      return pageNumberPaginator(spec);
  }
}
