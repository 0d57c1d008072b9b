import { flattenSchema, type Operation } from "../openapi/index.js";
import type { PaginationPlan } from "../scaffold/index.js";

const CURSOR_PARAMS = [
  "cursor",
  "starting_after",
  "after",
  "page_token",
  "pagetoken",
  "next_token",
  "continuation",
  "since_id",
];
const CURSOR_FIELDS = [
  "next_cursor",
  "nextcursor",
  "cursor",
  "next_page_token",
  "nextpagetoken",
  "next_token",
  "after",
  "end_cursor",
];
const NEXT_URL_FIELDS = [
  "next",
  "next_url",
  "nexturl",
  "links.next",
  "_links.next.href",
  "paging.next",
  "next_page_url",
  "meta.next",
];
const HAS_MORE_FIELDS = ["has_more", "hasmore", "has_next", "more"];

/**
 * Pagination guessed from the list operation's query parameters and response fields. Always a
 * guess: the note says what it was read from, so the generated code says so too.
 */
export function paginationFor(operation: Operation): { pagination?: PaginationPlan; notes: string[] } {
  const params = operation.parameters.filter((p) => p.in === "query").map((p) => p.name);
  const lower = (s: string) => s.toLowerCase();
  const find = (names: readonly string[]) => params.find((p) => names.includes(lower(p)));
  const limitParam = find(["limit", "per_page", "page_size", "pagesize", "count", "size", "max_results"]);
  const response = operation.responses.find((r) => /^2/.test(r.status) && r.schema);
  const fields = response?.schema ? flattenSchema(response.schema).map((f) => f.path) : [];
  const field = (names: readonly string[]) => fields.find((f) => names.includes(lower(f)));
  const hasMore = field(HAS_MORE_FIELDS);
  const limit = limitParam ? { limitParam, limit: 100 } : {};

  const cursorParam = find(CURSOR_PARAMS);
  const cursorField = field(CURSOR_FIELDS);
  if (cursorParam && cursorField) {
    return {
      pagination: {
        type: "cursor",
        cursorPath: cursorField,
        cursorParam,
        ...limit,
        ...(hasMore ? { hasMorePath: hasMore } : {}),
      },
      notes: [`pagination: cursor read from ${cursorField}, sent as ${cursorParam} (guessed from the spec)`],
    };
  }
  const nextUrl = field(NEXT_URL_FIELDS);
  if (nextUrl)
    return {
      pagination: { type: "nextUrl", nextUrlPath: nextUrl },
      notes: [`pagination: next page URL read from ${nextUrl} (guessed)`],
    };
  // A declared Link header (GitHub) is the API saying how to page, whatever its query parameters are.
  const link = operation.responses.some((r) => /^2/.test(r.status) && r.headers?.some((h) => lower(h) === "link"));
  if (link) {
    return {
      pagination: { type: "linkHeader" },
      notes: ["pagination: the next page from the Link header the spec declares (rel=next)"],
    };
  }
  const pageParam = find(["page", "page_number", "pagenumber"]);
  if (pageParam) {
    return {
      pagination: { type: "page", pageParam, ...(limitParam ? { sizeParam: limitParam, size: 100 } : {}) },
      notes: [`pagination: page numbers in ${pageParam} (guessed)`],
    };
  }
  const offsetParam = find(["offset", "skip", "start"]);
  if (offsetParam && limitParam) {
    return {
      pagination: { type: "offset", offsetParam, limitParam, limit: 100 },
      notes: [`pagination: ${offsetParam}/${limitParam} (guessed)`],
    };
  }
  if (cursorParam) {
    return {
      pagination: { type: "linkHeader" },
      notes: [
        `pagination: ${cursorParam} is a cursor parameter but no response field carries the next one; assuming a Link header — check`,
      ],
    };
  }
  return { notes: ["pagination: none found in the spec; a single request is made — check"] };
}
