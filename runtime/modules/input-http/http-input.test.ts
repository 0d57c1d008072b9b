import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type RecordedRequest, sendJson } from "../../../test/support/http-server.js";
import { createAuthenticator } from "../../auth/index.js";
import { ErrorCodes, isCannectorsError } from "../../errors/index.js";
import { createHttpInput } from "./http-input.js";
import { collect, collectError, type Harness, harness, ids, queryOf, RECORDS } from "./test-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Three pages of RECORDS by ?page=; `override` may answer a request itself (returns true). */
function pagedServer(override?: (req: RecordedRequest, res: ServerResponse, page: number) => boolean) {
  return harness((req, res) => {
    const page = Number(queryOf(req.url).page);
    if (override?.(req, res, page)) return;
    sendJson(res, 200, { data: RECORDS.slice((page - 1) * 3, page * 3) });
  });
}

const PAGED = { records: "data", pagination: { type: "page", size: 3 } };
const pagesRequested = (harness: Harness) => harness.server.requests.map((r) => Number(queryOf(r.url).page));

describe("retries", () => {
  it("retries a page answering 500 twice, skipping and repeating nothing", async () => {
    let failures = 0;
    h = await pagedServer((_req, res, page) => {
      if (page !== 2 || failures >= 2) return false;
      failures++;
      sendJson(res, 500, { error: "boom" });
      return true;
    });
    const pages = await collect(createHttpInput(h.spec(PAGED), h.context()).pages(undefined));
    expect(ids(pages)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(pagesRequested(h)).toEqual([1, 2, 2, 2, 3]);
    expect(h.clock.sleeps).toEqual([100, 200]);
  });

  it("retries a dropped connection", async () => {
    let dropped = false;
    h = await pagedServer((_req, res, page) => {
      if (page !== 1 || dropped) return false;
      dropped = true;
      res.socket?.destroy();
      return true;
    });
    const pages = await collect(createHttpInput(h.spec(PAGED), h.context()).pages(undefined));
    expect(ids(pages)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.clock.sleeps).toHaveLength(1);
  });

  it("honours Retry-After on 429", async () => {
    let limited = false;
    h = await pagedServer((_req, res, page) => {
      if (page !== 3 || limited) return false;
      limited = true;
      sendJson(res, 429, {}, { "retry-after": "7" });
      return true;
    });
    const pages = await collect(createHttpInput(h.spec(PAGED), h.context()).pages(undefined));
    expect(ids(pages)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.clock.sleeps).toEqual([7000]);
  });

  it("fails the run on a Retry-After longer than allowed", async () => {
    h = await pagedServer((_req, res) => {
      sendJson(res, 503, {}, { "retry-after": "120" });
      return true;
    });
    const { error } = await collectError(createHttpInput(h.spec(PAGED), h.context()).pages(undefined));
    expect(isCannectorsError(error, ErrorCodes.RETRY_AFTER_TOO_LONG)).toBe(true);
    expect((error as Error).message).toContain(`input page 1 (GET ${h.server.url}/items?page=1)`);
    expect(h.clock.sleeps).toEqual([]);
  });

  it("fails after maxAttempts naming the page number and URL", async () => {
    h = await pagedServer((_req, res, page) => {
      if (page !== 2) return false;
      sendJson(res, 502, { error: "bad gateway" });
      return true;
    });
    const { pages, error } = await collectError(createHttpInput(h.spec(PAGED), h.context()).pages(undefined));
    expect(isCannectorsError(error, ErrorCodes.HTTP_STATUS)).toBe(true);
    expect((error as Error).message).toContain(
      `input page 2 (GET ${h.server.url}/items?page=2) still failing with status 502 after 3 attempts`,
    );
    expect(ids(pages)).toEqual([1, 2, 3]);
    expect(pagesRequested(h)).toEqual([1, 2, 2, 2]);
  });

  it("fails at once on a 404", async () => {
    h = await pagedServer((_req, res) => {
      sendJson(res, 404, { error: "no such list" });
      return true;
    });
    const { error } = await collectError(createHttpInput(h.spec(PAGED), h.context()).pages(undefined));
    expect(isCannectorsError(error, ErrorCodes.HTTP_STATUS)).toBe(true);
    expect((error as Error).message).toContain("failed with status 404");
    expect(h.server.requests).toHaveLength(1);
  });
});

describe("bodies", () => {
  it("fails on a truncated JSON page without retrying", async () => {
    h = await pagedServer((_req, res, page) => {
      if (page !== 2) return false;
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"data": [{"id": 4}, {"id"');
      return true;
    });
    const { pages, error } = await collectError(createHttpInput(h.spec(PAGED), h.context()).pages(undefined));
    expect(isCannectorsError(error, ErrorCodes.PAGE_INVALID)).toBe(true);
    expect((error as Error).message).toContain(`input page 2 (GET ${h.server.url}/items?page=2)`);
    expect(ids(pages)).toEqual([1, 2, 3]);
    expect(pagesRequested(h)).toEqual([1, 2]);
  });

  it.each([
    {
      name: "a missing records path",
      body: { items: [] },
      code: ErrorCodes.RECORDS_NOT_FOUND,
      text: 'records path "data"',
    },
    {
      name: "records not an array",
      body: { data: { id: 1 } },
      code: ErrorCodes.RECORDS_NOT_FOUND,
      text: "found object",
    },
  ])("fails on $name, naming the page URL", async ({ body, code, text }) => {
    h = await harness((_req, res) => sendJson(res, 200, body));
    const { error } = await collectError(createHttpInput(h.spec({ records: "data" }), h.context()).pages(undefined));
    expect(isCannectorsError(error, code)).toBe(true);
    expect((error as Error).message).toContain(`input page 1 (GET ${h.server.url}/items)`);
    expect((error as Error).message).toContain(text);
  });
});

describe("records that cannot be read", () => {
  it("hands a record that is not an object to the engine as that record's failure, not the page's", async () => {
    h = await harness((_req, res) => sendJson(res, 200, { data: [{ id: 1 }, 2] }));
    const pages = [];
    for await (const page of createHttpInput(h.spec({ records: "data" }), h.context()).pages(undefined))
      pages.push(page);
    expect(pages[0]?.records).toEqual([{ id: 1 }, 2]);
    expect([...(pages[0]?.failures?.entries() ?? [])]).toEqual([
      [
        1,
        { reason: `record 1 of input page 1 (GET ${h.server.url}/items) is number, expected an object`, source: "2" },
      ],
    ]);
  });
});

describe("network policy", () => {
  it("refuses a next URL on a host the connector did not declare", async () => {
    h = await harness((_req, res) => sendJson(res, 200, { data: [{ id: 1 }], next: "http://evil.example/steal" }));
    const spec = h.spec({ records: "data", pagination: { type: "nextUrl", nextUrlPath: "next" } });
    const { pages, error } = await collectError(createHttpInput(spec, h.context()).pages(undefined));
    expect(isCannectorsError(error, ErrorCodes.HOST_NOT_ALLOWED)).toBe(true);
    expect((error as Error).message).toContain("input page 2 (GET http://evil.example/steal)");
    expect(ids(pages)).toEqual([1]);
    expect(h.clock.sleeps).toEqual([]);
  });
});

describe("requests", () => {
  it.each([
    { name: "the saved cursor", saved: "2024-05-01T00:00:00Z", initial: "1970-01-01", want: "2024-05-01T00:00:00Z" },
    { name: "the initial value", saved: undefined, initial: "1970-01-01", want: "1970-01-01" },
    { name: "nothing", saved: undefined, initial: undefined, want: undefined },
  ])("sends $name as the incremental param on every page", async ({ saved, initial, want }) => {
    h = await pagedServer();
    const incremental = { cursorField: "updated_at", param: "since", initialValue: initial };
    const pages = await collect(createHttpInput(h.spec({ ...PAGED, incremental }), h.context()).pages(saved));
    expect(pages).toHaveLength(3);
    expect(h.server.requests.map((r) => queryOf(r.url).since)).toEqual([want, want, want]);
  });

  it("POSTs the JSON body with configured headers and query on every page", async () => {
    h = await pagedServer();
    const spec = h.spec({
      ...PAGED,
      method: "POST",
      body: { filter: { active: true } },
      headers: { "X-Tenant": "acme" },
      query: { expand: "owner", verbose: true },
    });
    await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(h.server.requests).toHaveLength(3);
    for (const request of h.server.requests) {
      expect(request.method).toBe("POST");
      expect(JSON.parse(request.body)).toEqual({ filter: { active: true } });
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["x-tenant"]).toBe("acme");
      expect(queryOf(request.url)).toMatchObject({ expand: "owner", verbose: "true" });
    }
  });

  it("keeps a base URL path prefix", async () => {
    h = await harness((_req, res) => sendJson(res, 200, [{ id: 1 }]));
    const spec = h.spec({ baseUrl: `${h.server.url}/v2/`, path: "/items" });
    await collect(createHttpInput(spec, h.context()).pages(undefined));
    expect(h.server.requests[0]?.url).toBe("/v2/items");
  });

  it("applies auth to every page and redacts it from page URLs", async () => {
    h = await pagedServer();
    const auth = createAuthenticator(
      { type: "apiKey", in: "query", name: "key", value: "k-secret-1" },
      { client: h.client, clock: h.clock, redactor: h.redactor, logger: h.context().logger },
    );
    const pages = await collect(createHttpInput(h.spec(PAGED), h.context({ auth })).pages(undefined));
    expect(h.server.requests.map((r) => queryOf(r.url).key)).toEqual(["k-secret-1", "k-secret-1", "k-secret-1"]);
    expect(pages.map((p) => p.url).join(" ")).not.toContain("k-secret-1");
  });

  it("on 401 refreshes the OAuth2 token and retries the page once", async () => {
    let issued = 0;
    h = await harness((req, res) => {
      if (req.url === "/token") {
        issued++;
        return sendJson(res, 200, { access_token: `tok-${issued}`, expires_in: 3600 });
      }
      const page = Number(queryOf(req.url).page);
      // tok-1 is revoked once page 1 has been served.
      const valid = req.headers.authorization === `Bearer tok-${issued}` && !(page > 1 && issued === 1);
      if (!valid) return sendJson(res, 401, { error: "invalid_token" });
      sendJson(res, 200, { data: RECORDS.slice((page - 1) * 3, page * 3) });
    });
    const auth = createAuthenticator(
      {
        type: "oauth2ClientCredentials",
        tokenUrl: `${h.server.url}/token`,
        clientId: "id",
        clientSecret: "secret-xyz",
        clientAuth: "basic",
        refreshBefore: "60s",
      },
      { client: h.client, clock: h.clock, redactor: h.redactor, logger: h.context().logger },
    );
    const pages = await collect(createHttpInput(h.spec(PAGED), h.context({ auth })).pages(undefined));
    expect(ids(pages)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.server.requests.map((r) => r.url.split("&")[0])).toEqual([
      "/token",
      "/items?page=1",
      "/items?page=2",
      "/token",
      "/items?page=2",
      "/items?page=3",
    ]);
    expect(h.clock.sleeps).toEqual([]);
  });

  it("gives up after one 401 retry", async () => {
    h = await harness((req, res) =>
      req.url === "/token" ? sendJson(res, 200, { access_token: "tok-bad" }) : sendJson(res, 401, {}),
    );
    const auth = createAuthenticator(
      {
        type: "oauth2ClientCredentials",
        tokenUrl: `${h.server.url}/token`,
        clientId: "id",
        clientSecret: "secret-xyz",
        clientAuth: "body",
        refreshBefore: 0,
      },
      { client: h.client, clock: h.clock, redactor: h.redactor, logger: h.context().logger },
    );
    const { error } = await collectError(createHttpInput(h.spec(PAGED), h.context({ auth })).pages(undefined));
    expect(isCannectorsError(error, ErrorCodes.HTTP_STATUS)).toBe(true);
    expect((error as Error).message).toContain("status 401");
    expect(h.server.requests.map((r) => r.url.split("?")[0])).toEqual(["/token", "/items", "/token", "/items"]);
  });
});

describe("laziness", () => {
  it("fetches at most one page ahead of the consumer", async () => {
    h = await harness((req, res) => {
      const page = Number(queryOf(req.url).page);
      sendJson(res, 200, { data: [{ id: page }] });
    });
    const spec = h.spec({ records: "data", pagination: { type: "page", maxPages: 50 } });
    const pages = createHttpInput(spec, h.context()).pages(undefined);
    const first = await pages.next();
    expect(first.value).toMatchObject({ number: 1, records: [{ id: 1 }] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pagesRequested(h)).toEqual([1, 2]);
    await pages.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pagesRequested(h)).toEqual([1, 2, 3]);
    await pages.return(undefined);
    expect(h.server.requests.length).toBeLessThanOrEqual(3);
  });

  it("logs each page at debug level", async () => {
    h = await pagedServer();
    await collect(createHttpInput(h.spec(PAGED), h.context()).pages(undefined));
    const logged = h.logs.filter((e) => e.message === "page fetched");
    expect(logged.map((e) => [e.level, e.fields.page, e.fields.records])).toEqual([
      ["debug", 1, 3],
      ["debug", 2, 3],
      ["debug", 3, 1],
    ]);
    expect(logged.every((e) => typeof e.fields.ms === "number")).toBe(true);
  });
});
