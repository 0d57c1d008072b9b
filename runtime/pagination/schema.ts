import * as z from "zod";
import { Expression, FieldPath } from "../artifact/common.js";

/** Stop conditions shared by every strategy; an empty page always stops. */
const StopConditions = {
  hasMorePath: FieldPath.optional().describe("Body field that is false on the last page, e.g. has_more."),
  stopWhen: Expression.optional().describe(
    "CEL condition over `response` ({status, headers, body}) and `page` ({number, records}); true stops.",
  ),
  maxPages: z.number().int().positive().optional().describe("Stop after this many pages."),
};

/** Where a strategy's values go: the query string, or the JSON request body of a POST. */
export const ValuePlace = z
  .enum(["query", "body"])
  .describe(
    "query (default): the `*Param` names are query parameters. body: they are dotted paths into the JSON request body (e.g. paging.cursor); the input must be a POST.",
  );
export type ValuePlace = z.infer<typeof ValuePlace>;

export const NoPagination = z.strictObject({ type: z.literal("none") }).describe("A single request.");

export const CursorPagination = z
  .strictObject({
    type: z.literal("cursor"),
    cursorPath: FieldPath.describe("Body field holding the next cursor; absent, null or empty stops."),
    cursorParam: z
      .string()
      .min(1)
      .describe("Query parameter (or, with `in: body`, body path) that carries the cursor on the next request."),
    limitParam: z.string().min(1).optional(),
    limit: z.number().int().positive().optional(),
    in: ValuePlace.optional(),
    ...StopConditions,
  })
  .describe(
    "Cursor taken from the response body and sent as a query parameter, or with `in: body` written as exact JSON into the request body.",
  );

export const NextUrlPagination = z
  .strictObject({
    type: z.literal("nextUrl"),
    nextUrlPath: FieldPath.describe("Body field holding the absolute or relative URL of the next page."),
    ...StopConditions,
  })
  .describe("The next page's URL taken from the response body; a POST input sends its body again to that URL.");

export const LinkHeaderPagination = z
  .strictObject({
    type: z.literal("linkHeader"),
    rel: z.string().min(1).default("next"),
    ...StopConditions,
  })
  .describe("RFC 8288 `Link` header with rel=next.");

export const OffsetPagination = z
  .strictObject({
    type: z.literal("offset"),
    offsetParam: z.string().min(1).default("offset"),
    limitParam: z.string().min(1).default("limit"),
    limit: z.number().int().positive(),
    totalPath: FieldPath.optional().describe("Body field with the total count; stops when reached."),
    in: ValuePlace.optional(),
    ...StopConditions,
  })
  .describe("offset/limit query parameters (or body fields with `in: body`); a page shorter than `limit` stops.");

export const PagePagination = z
  .strictObject({
    type: z.literal("page"),
    pageParam: z.string().min(1).default("page"),
    sizeParam: z.string().min(1).optional(),
    size: z.number().int().positive().optional(),
    startAt: z.number().int().nonnegative().default(1),
    totalPagesPath: FieldPath.optional().describe("Body field with the number of pages; stops at the last."),
    in: ValuePlace.optional(),
    ...StopConditions,
  })
  .describe("Page number query parameter (or body field with `in: body`); a page shorter than `size` stops.");

export const Pagination = z.discriminatedUnion("type", [
  NoPagination,
  CursorPagination,
  NextUrlPagination,
  LinkHeaderPagination,
  OffsetPagination,
  PagePagination,
]);
export type Pagination = z.infer<typeof Pagination>;
export type CursorPagination = z.infer<typeof CursorPagination>;
export type NextUrlPagination = z.infer<typeof NextUrlPagination>;
export type LinkHeaderPagination = z.infer<typeof LinkHeaderPagination>;
export type OffsetPagination = z.infer<typeof OffsetPagination>;
export type PagePagination = z.infer<typeof PagePagination>;
