import { afterEach, describe, expect, it } from "vitest";
import { sendJson } from "../../../test/support/http-server.js";
import { ErrorCodes, isCannectorsError } from "../../errors/index.js";
import { createHttpInput } from "./http-input.js";
import { collect, collectError, type Harness, harness, ids, RECORDS } from "./test-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const bodies = () => (h?.server.requests ?? []).map((r) => r.body);

/** A search endpoint that pages through RECORDS by a cursor read from `paging.cursor` in the POST body. */
function searchServer(cursorText: (next: number) => string) {
  return harness((req, res) => {
    const body = JSON.parse(req.body) as { query: string; paging: { cursor?: string | number; size: number } };
    const start = body.paging.cursor === undefined ? 0 : Number(String(body.paging.cursor).replace(/\D+$/, ""));
    const end = start + body.paging.size;
    const next = end < RECORDS.length ? cursorText(end) : "null";
    res.writeHead(200, { "content-type": "application/json" });
    res.end(`{"hits":${JSON.stringify(RECORDS.slice(start, end))},"next":${next}}`);
  });
}

describe("pagination values in a JSON request body", () => {
  it("cursor: writes each cursor at the body path, keeping the configured body and exact numbers", async () => {
    h = await searchServer((end) => String(end));
    const spec = h.spec({
      method: "POST",
      body: { query: "status:active", paging: { size: 3 } },
      records: "hits",
      pagination: { type: "cursor", cursorPath: "next", cursorParam: "paging.cursor", in: "body" },
    });
    const pages = await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(ids(pages)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(bodies()).toEqual([
      '{"query":"status:active","paging":{"size":3}}',
      '{"query":"status:active","paging":{"size":3,"cursor":3}}',
      '{"query":"status:active","paging":{"size":3,"cursor":6}}',
    ]);
    expect(h.server.requests.every((r) => r.method === "POST" && r.url === "/items")).toBe(true);
    expect(h.server.requests[0]?.headers["content-type"]).toBe("application/json");
    const logged = h.logs.filter((entry) => entry.message === "page fetched").map((entry) => entry.fields.body);
    expect(logged).toEqual(bodies());
  });

  it("cursor: a cursor beyond 2^53 or a search_after list is sent back byte for byte", async () => {
    const cursors = ['[1463538857,"654323",90071992547409931]', "90071992547409935"];
    h = await harness((req, res) => {
      const page = h?.server.requests.length ?? 1;
      res.writeHead(200, { "content-type": "application/json" });
      const next = page <= cursors.length ? cursors[page - 1] : "null";
      res.end(`{"hits":${JSON.stringify(RECORDS.slice((page - 1) * 3, page * 3))},"after":${next}}`);
      void req;
    });
    const spec = h.spec({
      method: "POST",
      body: { size: 3 },
      records: "hits",
      pagination: { type: "cursor", cursorPath: "after", cursorParam: "search_after", in: "body" },
    });
    const pages = await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(ids(pages)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(bodies()).toEqual([
      '{"size":3}',
      '{"size":3,"search_after":[1463538857,"654323",90071992547409931]}',
      '{"size":3,"search_after":90071992547409935}',
    ]);
  });

  it("offset and page number: both values in the body, the query untouched", async () => {
    h = await harness((req, res) => {
      const body = JSON.parse(req.body) as { from?: number; size: number; page?: { number: number } };
      const start = body.from ?? ((body.page?.number ?? 1) - 1) * body.size;
      sendJson(res, 200, { rows: RECORDS.slice(start, start + body.size) });
    });
    const offsetSpec = h.spec({
      method: "POST",
      records: "rows",
      pagination: { type: "offset", offsetParam: "from", limitParam: "size", limit: 3, in: "body" },
    });
    expect(ids(await collect(createHttpInput(offsetSpec, h.context()).pages(undefined)))).toEqual(
      RECORDS.map((r) => r.id),
    );
    expect(bodies()).toEqual(['{"from":0,"size":3}', '{"from":3,"size":3}', '{"from":6,"size":3}']);
    h.server.requests.length = 0;
    const pageSpec = h.spec({
      method: "POST",
      records: "rows",
      pagination: { type: "page", pageParam: "page.number", sizeParam: "size", size: 3, in: "body" },
    });
    expect(ids(await collect(createHttpInput(pageSpec, h.context()).pages(undefined)))).toEqual(
      RECORDS.map((r) => r.id),
    );
    expect(bodies()).toEqual([
      '{"page":{"number":1},"size":3}',
      '{"page":{"number":2},"size":3}',
      '{"page":{"number":3},"size":3}',
    ]);
    expect(h.server.requests.every((r) => r.url === "/items")).toBe(true);
  });

  it("a retried page resends the same body", async () => {
    let calls = 0;
    h = await harness((req, res) => {
      calls++;
      if (calls === 2) return sendJson(res, 503, { error: "busy" });
      const body = JSON.parse(req.body) as { cursor?: number };
      const start = body.cursor ?? 0;
      sendJson(res, 200, {
        hits: RECORDS.slice(start, start + 4),
        next: start + 4 < RECORDS.length ? start + 4 : null,
      });
    });
    const spec = h.spec({
      method: "POST",
      records: "hits",
      pagination: { type: "cursor", cursorPath: "next", cursorParam: "cursor", in: "body" },
    });
    const pages = await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(ids(pages)).toEqual(RECORDS.map((r) => r.id));
    expect(bodies()).toEqual(["{}", '{"cursor":4}', '{"cursor":4}']);
    expect(h.server.requests.map((r) => r.method)).toEqual(["POST", "POST", "POST"]);
  });

  it("the incremental cursor goes in the body, as a string or as an exact number", async () => {
    h = await harness((_req, res) => sendJson(res, 200, { hits: [] }));
    const spec = (as?: "number") =>
      h!.spec({
        method: "POST",
        body: { filter: { status: "open" } },
        records: "hits",
        incremental: { cursorField: "seq", param: "filter.seq_gt", in: "body", ...(as ? { as } : {}) },
      });
    await collect(createHttpInput(spec(), h.context()).pages("2024-05-01T00:00:00Z"));
    await collect(createHttpInput(spec("number"), h.context()).pages("18446744073709551617"));
    expect(bodies()).toEqual([
      '{"filter":{"status":"open","seq_gt":"2024-05-01T00:00:00Z"}}',
      '{"filter":{"status":"open","seq_gt":18446744073709551617}}',
    ]);
    expect(h.server.requests.every((r) => r.url === "/items")).toBe(true);
    const { error } = await collectError(createHttpInput(spec("number"), h.context()).pages("abc"));
    expect(isCannectorsError(error) && error.code).toBe(ErrorCodes.STATE);
    expect(h.server.requests).toHaveLength(2);
  });

  it("a body cursor that repeats is a loop, not an endless run", async () => {
    h = await harness((_req, res) => sendJson(res, 200, { hits: RECORDS.slice(0, 2), next: "same" }));
    const spec = h.spec({
      method: "POST",
      records: "hits",
      pagination: { type: "cursor", cursorPath: "next", cursorParam: "cursor", in: "body" },
    });
    const { pages, error } = await collectError(createHttpInput(spec, h.context()).pages(undefined));
    expect(pages).toHaveLength(2);
    expect(isCannectorsError(error) && error.code).toBe(ErrorCodes.PAGINATION_LOOP);
    expect(bodies()).toEqual(["{}", '{"cursor":"same"}']);
  });

  it("nextUrl on a POST input sends the body again to the URL it follows", async () => {
    h = await harness((req, res) => {
      const page = req.url === "/items" ? 1 : 2;
      sendJson(res, 200, { hits: RECORDS.slice((page - 1) * 4, page * 4), next: page === 1 ? "/items?p=2" : null });
    });
    const spec = h.spec({
      method: "POST",
      body: { q: "x" },
      records: "hits",
      pagination: { type: "nextUrl", nextUrlPath: "next" },
    });
    const pages = await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(ids(pages)).toEqual(RECORDS.map((r) => r.id));
    expect(h.server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ["POST", "/items", '{"q":"x"}'],
      ["POST", "/items?p=2", '{"q":"x"}'],
    ]);
  });
});
