import { Hono } from "hono";
import type { HttpInput } from "../../runtime/artifact/index.js";
import type { Spec } from "../../runtime/contract/spec.js";
import { schemaCheckOf } from "../../runtime/contract/target-contract.js";
import { cloneJson, type JsonRecord, parsePath, writePath } from "../../runtime/json/index.js";
import { seededRandom } from "../../runtime/net/seeded-random.js";
import { listen } from "../../examples/demo-apis/listen.js";
import { type Fault, faultResponse, type MockRequest, tokenResponse } from "./mock-http.js";
import { lastPageValue, removePath } from "./last-page.js";
import { sampleValue } from "./sample-values.js";
import { encodeCursor, nextPageUrl, pageWindow } from "./source-pages.js";
import { recordsAfter, sourceRecords, sourceShapeOf } from "./source-records.js";

export interface SourceMockOptions {
  /** How many records the source holds. */
  records: number;
  seed: number;
  /** The last records come on a page that says more follow; the page after it is empty. */
  lastPageEmpty?: boolean;
  /** Answers to the Nth page request (1-based) instead of the page: a 429 with Retry-After, a 5xx. */
  faults?: Fault[];
  /** Called with each page request's number before it is answered; a crash test kills the run here. */
  onPageRequest?: (request: number) => Promise<void> | void;
  /** Paths of the input's OAuth2 token endpoint, answered with a token. */
  tokenPaths?: string[];
}

export interface SourceMock {
  url: string;
  records: JsonRecord[];
  /** Every page request, faulted ones included, in arrival order. */
  requests: MockRequest[];
  /** Pages the mock could not make valid against the operation's response schema (a mock limitation, not the connector's). */
  problems: string[];
  close(): Promise<void>;
}

/** The source API of the spec: serves the input's list operation from seeded records, paginated as the artifact says. */
export async function startSourceMock(spec: Spec, input: HttpInput, options: SourceMockOptions): Promise<SourceMock> {
  const shape = sourceShapeOf(spec, input);
  const records = sourceRecords(spec, input, shape, options.records, options.seed);
  const template = sampleValue(spec, shape.response, { random: seededRandom(options.seed + 1), index: 0 }, "page");
  const check = schemaCheckOf(spec, shape.response);
  const endOfList = (path: string) => lastPageValue(spec, shape.response, path);
  const requests: MockRequest[] = [];
  const problems = new Set<string>();
  const app = new Hono();
  app.all("*", async (c) => {
    if (c.req.method === "POST" && options.tokenPaths?.includes(c.req.path)) return c.json(tokenResponse());
    const number = requests.length + 1;
    const request: MockRequest = { number, at: Date.now(), url: c.req.url, status: 200 };
    requests.push(request);
    await options.onPageRequest?.(number);
    const fault = options.faults?.find((f) => f.request === number);
    if (fault) return faultResponse(c, fault, request);
    const url = new URL(c.req.url);
    const param = input.incremental?.param;
    const available = recordsAfter(records, input, param ? url.searchParams.get(param) : null);
    const { start, size } = pageWindow(input.pagination, url.searchParams, available.length);
    const end = Math.min(start + size, available.length);
    const more = end < available.length || (options.lastPageEmpty === true && start < end && end === available.length);
    request.records = end - Math.min(start, end);
    const body = pageBody(template, input, available.slice(start, end), endOfList, {
      more,
      end,
      total: available.length,
      size,
      url: c.req.url,
    });
    for (const problem of check(body)) problems.add(`${shape.operation} page: ${problem}`);
    const pagination = input.pagination;
    if (pagination.type === "linkHeader" && more)
      c.header("Link", `<${nextPageUrl(c.req.url, end)}>; rel="${pagination.rel}"`);
    return c.json(body as object);
  });
  const server = await listen(app, "conformance source", "127.0.0.1", 0);
  return {
    url: server.url,
    records,
    requests,
    get problems() {
      return [...problems];
    },
    close: server.close,
  };
}

interface PagePosition {
  more: boolean;
  end: number;
  total: number;
  size: number;
  url: string;
}

/** The response's own shape, with the page's records and the pagination fields the artifact reads. */
function pageBody(
  template: unknown,
  input: HttpInput,
  page: JsonRecord[],
  endOfList: (path: string) => "null" | "absent",
  at: PagePosition,
): unknown {
  if (input.records === undefined) return page;
  const body = cloneJson(template) as JsonRecord;
  const set = (path: string | undefined, value: unknown) => {
    if (path === undefined) return;
    const parts = parsePath(path) as string[];
    if (value === null && endOfList(path) === "absent") return removePath(body, parts);
    writePath(body, parts, value);
  };
  set(input.records, page);
  const pagination = input.pagination;
  if (pagination.type === "none") return body;
  set(pagination.hasMorePath, at.more);
  if (pagination.type === "cursor") set(pagination.cursorPath, at.more ? encodeCursor(at.end) : null);
  if (pagination.type === "nextUrl") set(pagination.nextUrlPath, at.more ? nextPageUrl(at.url, at.end) : null);
  if (pagination.type === "offset") set(pagination.totalPath, at.total);
  if (pagination.type === "page") set(pagination.totalPagesPath, Math.ceil(at.total / at.size));
  return body;
}
