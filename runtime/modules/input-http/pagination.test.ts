import { afterEach, describe, expect, it } from "vitest";
import { sendJson } from "../../../test/support/http-server.js";
import { ErrorCodes, isCannectorsError } from "../../errors/index.js";
import { createHttpInput } from "./http-input.js";
import { collect, collectError, type Harness, harness, ids, queryOf, RECORDS } from "./test-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ALL_IDS = [1, 2, 3, 4, 5, 6, 7];

describe("pagination strategies", () => {
  it("cursor: follows the body cursor, sends limit, stops on a null cursor", async () => {
    h = await harness((req, res) => {
      const start = Number(queryOf(req.url).cursor ?? 0);
      const limit = Number(queryOf(req.url).limit);
      const next = start + limit < RECORDS.length ? String(start + limit) : null;
      sendJson(res, 200, { data: RECORDS.slice(start, start + limit), meta: { next } });
    });
    const spec = h.spec({
      records: "data",
      pagination: { type: "cursor", cursorPath: "meta.next", cursorParam: "cursor", limitParam: "limit", limit: 3 },
    });
    const pages = await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(ids(pages)).toEqual(ALL_IDS);
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(h.server.requests.map((r) => r.url)).toEqual([
      "/items?limit=3",
      "/items?limit=3&cursor=3",
      "/items?limit=3&cursor=6",
    ]);
    expect(pages[1]?.url).toBe(`${h.server.url}/items?limit=3&cursor=3`);
  });

  it("nextUrl: follows relative and absolute URLs from the body", async () => {
    h = await harness((req, res) => {
      const page = Number(queryOf(req.url).p ?? 1);
      const next = page === 1 ? "/items?p=2" : page === 2 ? `${h?.server.url}/items?p=3` : null;
      sendJson(res, 200, { items: RECORDS.slice((page - 1) * 3, page * 3), links: { next } });
    });
    const spec = h.spec({ records: "items", pagination: { type: "nextUrl", nextUrlPath: "links.next" } });
    const pages = await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(ids(pages)).toEqual(ALL_IDS);
    expect(h.server.requests.map((r) => r.url)).toEqual(["/items", "/items?p=2", "/items?p=3"]);
  });

  it("linkHeader: follows rel=next among other relations until it is absent", async () => {
    h = await harness((req, res) => {
      const page = Number(queryOf(req.url).page ?? 1);
      const base = `${h?.server.url}/items`;
      const links = [`<${base}?page=1>; rel="first"`, `<${base}?page=3>; rel=last`];
      if (page < 3) links.unshift(`</items?page=${page + 1}>; title="next, please"; rel="next"`);
      sendJson(res, 200, RECORDS.slice((page - 1) * 3, page * 3), { link: links.join(", ") });
    });
    const spec = h.spec({ pagination: { type: "linkHeader" } });
    const pages = await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(ids(pages)).toEqual(ALL_IDS);
    expect(h.server.requests.map((r) => r.url)).toEqual(["/items", "/items?page=2", "/items?page=3"]);
  });

  it.each([
    { name: "a short page", records: RECORDS, totalPath: undefined, want: ["0", "3", "6"] },
    { name: "an empty page", records: RECORDS.slice(0, 6), totalPath: undefined, want: ["0", "3", "6"] },
    { name: "the total", records: RECORDS.slice(0, 6), totalPath: "total", want: ["0", "3"] },
  ])("offset: stops on $name", async ({ records, totalPath, want }) => {
    h = await harness((req, res) => {
      const { offset, limit } = queryOf(req.url);
      const start = Number(offset);
      sendJson(res, 200, { rows: records.slice(start, start + Number(limit)), total: records.length });
    });
    const spec = h.spec({ records: "rows", pagination: { type: "offset", limit: 3, totalPath } });
    const pages = await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(ids(pages)).toEqual(records.map((r) => r.id));
    expect(h.server.requests.map((r) => queryOf(r.url).offset)).toEqual(want);
    expect(h.server.requests.every((r) => queryOf(r.url).limit === "3")).toBe(true);
  });

  it.each([
    { name: "a short page (size)", pagination: { sizeParam: "per_page", size: 3 }, want: ["1", "2", "3"] },
    { name: "totalPagesPath", pagination: { totalPagesPath: "pages" }, want: ["1", "2", "3"] },
    { name: "totalPagesPath from 0", pagination: { totalPagesPath: "pages", startAt: 0 }, want: ["0", "1", "2"] },
  ])("page: stops on $name", async ({ pagination, want }) => {
    h = await harness((req, res) => {
      const start = "startAt" in pagination ? 0 : 1;
      const page = Number(queryOf(req.url).page) - start;
      sendJson(res, 200, { list: RECORDS.slice(page * 3, page * 3 + 3), pages: 3 });
    });
    const spec = h.spec({ records: "list", pagination: { type: "page", ...pagination } });
    const pages = await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(ids(pages)).toEqual(ALL_IDS);
    expect(h.server.requests.map((r) => queryOf(r.url).page)).toEqual(want);
    if ("size" in pagination) expect(queryOf(h.server.requests[0]?.url ?? "").per_page).toBe("3");
  });

  it("none: a single request, the body being the array", async () => {
    h = await harness((_req, res) => sendJson(res, 200, RECORDS));
    const pages = await collect(createHttpInput(h.spec({}), h.context()).pages(undefined));
    expect(ids(pages)).toEqual(ALL_IDS);
    expect(h.server.requests).toHaveLength(1);
  });
});

describe("common stop conditions", () => {
  const endless = () =>
    harness((req, res) => {
      const page = Number(queryOf(req.url).page);
      sendJson(res, 200, { data: [{ id: page }], has_more: page < 2, last: page === 3 });
    });

  it.each([
    { name: "hasMorePath false", stop: { hasMorePath: "has_more" }, want: [1, 2] },
    { name: "maxPages", stop: { maxPages: 4 }, want: [1, 2, 3, 4] },
    { name: "stopWhen on the body", stop: { stopWhen: "response.body.last == true" }, want: [1, 2, 3] },
    { name: "stopWhen on the page", stop: { stopWhen: "page.number >= 2 && size(page.records) == 1" }, want: [1, 2] },
    { name: "stopWhen on the status", stop: { stopWhen: "response.status == 200", maxPages: 9 }, want: [1] },
  ])("$name", async ({ stop, want }) => {
    h = await endless();
    const spec = h.spec({ records: "data", pagination: { type: "page", maxPages: 10, ...stop } });
    const pages = await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(ids(pages)).toEqual(want);
    expect(h.server.requests).toHaveLength(want.length);
  });
});

describe("loop detection", () => {
  it("fails when a cursor repeats, naming the page and the value", async () => {
    h = await harness((_req, res) => sendJson(res, 200, { data: [{ id: 1 }], next: "same-cursor" }));
    const spec = h.spec({ records: "data", pagination: { type: "cursor", cursorPath: "next", cursorParam: "c" } });
    const { pages, error } = await collectError(createHttpInput(spec, h.context()).pages(undefined));
    expect(isCannectorsError(error, ErrorCodes.PAGINATION_LOOP)).toBe(true);
    expect((error as Error).message).toContain("input page 2");
    expect((error as Error).message).toContain("(same-cursor)");
    expect(pages.map((p) => p.number)).toEqual([1, 2]);
    expect(h.server.requests).toHaveLength(2);
  });

  it("fails when a next URL points back to the first page, with secrets redacted", async () => {
    h = await harness((_req, res) => sendJson(res, 200, { data: [{ id: 1 }], next: "/items?token=hunter22" }));
    h.redactor.add("hunter22");
    const spec = h.spec({
      path: "/items",
      query: { token: "hunter22" },
      records: "data",
      pagination: { type: "nextUrl", nextUrlPath: "next" },
    });
    const { error } = await collectError(createHttpInput(spec, h.context()).pages(undefined));
    expect(isCannectorsError(error, ErrorCodes.PAGINATION_LOOP)).toBe(true);
    expect((error as Error).message).toContain("input page 1");
    expect((error as Error).message).not.toContain("hunter22");
    expect(h.server.requests).toHaveLength(1);
  });
});
