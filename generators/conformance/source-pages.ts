import type { Pagination } from "../../runtime/artifact/index.js";

/** Page size when the connector sends none and declares none. */
export const DEFAULT_PAGE_SIZE = 10;
/** The mock's own query parameter in next-page URLs (nextUrl and Link header pagination). */
const OFFSET_PARAM = "conformance_offset";

/** Where a request starts and how many records it asks for, read the way the pagination declares it. */
export interface PageWindow {
  start: number;
  size: number;
}

/** The page size a connector asks for, from its artifact alone (the mock's default when it sets none). */
export function declaredPageSize(pagination: Pagination): number {
  if (pagination.type === "cursor" || pagination.type === "offset") return pagination.limit ?? DEFAULT_PAGE_SIZE;
  if (pagination.type === "page") return pagination.size ?? DEFAULT_PAGE_SIZE;
  return DEFAULT_PAGE_SIZE;
}

export function pageWindow(pagination: Pagination, query: URLSearchParams, total: number): PageWindow {
  const int = (name: string | undefined) => {
    const value = name === undefined ? null : query.get(name);
    return value === null || !/^\d+$/.test(value) ? undefined : Number(value);
  };
  const fallback = declaredPageSize(pagination);
  switch (pagination.type) {
    case "none":
      return { start: 0, size: total };
    case "cursor":
      return { start: decodeCursor(query.get(pagination.cursorParam)), size: int(pagination.limitParam) ?? fallback };
    case "offset":
      return { start: int(pagination.offsetParam) ?? 0, size: int(pagination.limitParam) ?? fallback };
    case "page": {
      const size = int(pagination.sizeParam) ?? fallback;
      return { start: ((int(pagination.pageParam) ?? pagination.startAt) - pagination.startAt) * size, size };
    }
    default:
      return { start: int(OFFSET_PARAM) ?? 0, size: fallback };
  }
}

/** Opaque to the connector, URL-safe (`^[A-Za-z0-9_-]+$`), and never built from a record. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString());
  return match ? Number(match[1]) : 0;
}

/** The URL of the page starting at `offset`: this request's URL, its query kept, the offset replaced. */
export function nextPageUrl(requestUrl: string, offset: number): string {
  const url = new URL(requestUrl);
  url.searchParams.set(OFFSET_PARAM, String(offset));
  return url.toString();
}
