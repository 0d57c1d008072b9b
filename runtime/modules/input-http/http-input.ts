import type { HttpInput } from "../../artifact/index.js";
import type { InputModule, RecordFailure, SourcePage } from "../../engine/modules.js";
import { scopeToOrigin } from "../../auth/origin-scope.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { DEFAULT_MAX_DEPTH } from "../../json/index.js";
import { type FetchContext, fetchPage } from "./page-fetcher.js";
import { readPageBody } from "./page-body.js";
import { createPaginator, type FetchedPage } from "../../pagination/index.js";
import { requestTemplate } from "./request-template.js";
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
): InputModule {
  const ctx: FetchContext = { ...moduleCtx, auth: scopeToOrigin(moduleCtx.auth, spec.baseUrl) };
  const isSecret = (value: string) => ctx.redactor.redact(value) !== value;
  const shouldStop = createStopCheck(spec.pagination);
  const logger = ctx.logger.child({ module: "input.http" });

  return {
    async *pages(savedCursor) {
      const template = requestTemplate(spec, savedCursor ?? spec.incremental?.initialValue, isSecret);
      const paginator = createPaginator(spec.pagination);

      const runAbort = new AbortController();
      const runCtx: FetchContext = { ...ctx, signal: AbortSignal.any([ctx.signal, runAbort.signal]) };
      const load = async (number: number, url: URL): Promise<LoadedPage> => {
        const request = template.build(url);
        const requestUrl = ctx.redactor.redact(request.url);
        const where = `input page ${number} (${request.method} ${requestUrl})`;
        const started = performance.now();
        const response = await fetchPage(request, where, runCtx);
        const { body, records, failures } = readPageBody(response, spec.records, where, maxDepth);
        logger.debug("page fetched", {
          page: number,
          records: records.length,
          ms: Math.round(performance.now() - started),
          url: requestUrl,
        });
        const { status, headers } = response;
        return { number, url, requestUrl, responseUrl: response.url, status, headers, body, records, failures };
      };
      const prefetch = (number: number, url: URL): Promise<LoadedPage> => {
        const promise = load(number, url);
        // Observed later by the loop; this only stops an abandoned prefetch from being "unhandled".
        promise.catch(() => {});
        return promise;
      };

      const firstUrl = paginator.first(template.base);
      const seen = new Set<string>([firstUrl.toString()]);
      let pending: Promise<LoadedPage> | undefined = prefetch(1, firstUrl);
      try {
        while (pending) {
          const page = await pending;
          pending = undefined;
          const last = page.records.length === 0 || shouldStop(page);
          const next = last ? undefined : paginator.next(page);
          let loop: CannectorsError | undefined;
          if (next && seen.has(next.url.toString())) loop = loopError(page.number, ctx.redactor.redact(next.key));
          else if (next) {
            seen.add(next.url.toString());
            pending = prefetch(page.number + 1, next.url);
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
        // The engine stopped pulling (or a page failed): cancel the request fetched ahead.
        runAbort.abort(new CannectorsError(ErrorCodes.CANCELLED, "input stopped"));
      }
    },
  };
}

function loopError(pageNumber: number, repeated: string): CannectorsError {
  return new CannectorsError(
    ErrorCodes.PAGINATION_LOOP,
    `input page ${pageNumber} points to a page already fetched in this run (${repeated}); stopping to avoid a loop`,
    { details: { page: pageNumber, repeated } },
  );
}
