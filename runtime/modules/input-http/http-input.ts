import type { HttpInput } from "../../artifact/index.js";
import type { InputModule, RecordFailure, SourcePage } from "../../engine/modules.js";
import { scopeToOrigin } from "../../auth/origin-scope.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { DEFAULT_MAX_DEPTH, stringifyJson } from "../../json/index.js";
import { type FetchContext, fetchPage } from "./page-fetcher.js";
import { createPaginator, type FetchedPage, type PageRequest } from "../../pagination/index.js";
import { requestTemplate } from "./request-template.js";
import { readPage } from "./response/index.js";
import { createStopCheck } from "../../pagination/stop-conditions.js";

/** A fetched page and its request URL, redacted once for the page's logs and errors. */
type LoadedPage = FetchedPage & { requestUrl: string; failures: Map<number, RecordFailure> };

/**
 * The `http` polling input. Pages are fetched lazily, with at most one page fetched ahead of the
 * one the engine is consuming, so memory stays bounded while the next request overlaps processing.
 */
export function createHttpInput(
  spec: HttpInput,
  moduleCtx: FetchContext,
  maxDepth: number = DEFAULT_MAX_DEPTH,
  /** The request URL already filled (a dependent child request), instead of baseUrl + path + pathParams. */
  url?: URL,
): InputModule {
  const ctx: FetchContext = { ...moduleCtx, auth: scopeToOrigin(moduleCtx.auth, spec.baseUrl) };
  const isSecret = (value: string) => ctx.redactor.redact(value) !== value;
  const shouldStop = createStopCheck(spec.pagination);
  const logger = ctx.logger.child({ module: "input.http" });

  return {
    async *pages(savedCursor) {
      const template = requestTemplate(
        spec,
        savedCursor ?? spec.incremental?.initialValue,
        isSecret,
        url === undefined ? undefined : new URL(url),
      );
      const paginator = createPaginator(spec.pagination);

      const runAbort = new AbortController();
      const runCtx: FetchContext = { ...ctx, signal: AbortSignal.any([ctx.signal, runAbort.signal]) };
      const load = async (number: number, pageRequest: PageRequest): Promise<LoadedPage> => {
        const request = template.build(pageRequest);
        const requestUrl = ctx.redactor.redact(request.url);
        const where = `input page ${number} (${request.method} ${requestUrl})`;
        const started = performance.now();
        const response = await fetchPage(request, where, runCtx);
        const { body, records, failures } = await readPage(response, spec, where, maxDepth);
        logger.debug("page fetched", {
          page: number,
          records: records.length,
          ms: Math.round(performance.now() - started),
          url: requestUrl,
          ...(request.body === undefined ? {} : { body: ctx.redactor.redact(request.body) }),
        });
        const { status, headers } = response;
        const responseUrl = response.url;
        return { number, request: pageRequest, requestUrl, responseUrl, status, headers, body, records, failures };
      };
      const prefetch = (number: number, pageRequest: PageRequest): Promise<LoadedPage> => {
        const promise = load(number, pageRequest);
        // Observed later by the loop; this only stops an abandoned prefetch from being "unhandled".
        promise.catch(() => {});
        return promise;
      };

      const first = paginator.first(template.base);
      const seen = new Set<string>([requestKey(first)]);
      let pending: Promise<LoadedPage> | undefined = prefetch(1, first);
      try {
        while (pending) {
          const page = await pending;
          pending = undefined;
          const last = page.records.length === 0 || shouldStop(page);
          const next = last ? undefined : paginator.next(page);
          let loop: CannectorsError | undefined;
          if (next && seen.has(requestKey(next.request))) loop = loopError(page.number, ctx.redactor.redact(next.key));
          else if (next) {
            seen.add(requestKey(next.request));
            pending = prefetch(page.number + 1, next.request);
          }
          if (page.records.length > 0) {
            const { failures } = page;
            yield {
              number: page.number,
              url: page.requestUrl,
              records: page.records,
              ...(failures.size > 0 ? { failures } : {}),
            } satisfies SourcePage;
          }
          if (loop) throw loop;
        }
      } finally {
        // The engine stopped pulling (or a page failed): cancel the request fetched ahead. None
        // pending, none in flight: no error to build (a dependent input ends one such input per parent).
        if (pending) runAbort.abort(new CannectorsError(ErrorCodes.CANCELLED, "input stopped"));
      }
    },
  };
}

/** What makes two page requests the same page: the URL and the body sent. */
function requestKey(request: PageRequest): string {
  return request.body === undefined ? request.url.toString() : `${request.url} ${stringifyJson(request.body)}`;
}

function loopError(pageNumber: number, repeated: string): CannectorsError {
  return new CannectorsError(
    ErrorCodes.PAGINATION_LOOP,
    `input page ${pageNumber} points to a page already fetched in this run (${repeated}); stopping to avoid a loop`,
    { details: { page: pageNumber, repeated } },
  );
}
