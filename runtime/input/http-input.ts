import type { HttpInput } from "../artifact/index.js";
import type { InputModule, SourcePage } from "../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { type FetchContext, fetchPage } from "./page-fetcher.js";
import { readPageBody } from "./page-body.js";
import { createPaginator, type FetchedPage } from "./pagination/index.js";
import { requestTemplate } from "./request-template.js";
import { createStopCheck } from "./stop-conditions.js";

/**
 * The `http` polling input. Pages are fetched lazily, with at most one page fetched ahead of the
 * one the engine is consuming, so memory stays bounded while the next request overlaps processing.
 */
export function createHttpInput(spec: HttpInput, ctx: FetchContext): InputModule {
  const shouldStop = createStopCheck(spec.pagination);
  const logger = ctx.logger.child({ module: "input.http" });

  return {
    async *pages(savedCursor) {
      const template = requestTemplate(spec, savedCursor ?? spec.incremental?.initialValue);
      const paginator = createPaginator(spec.pagination);

      const runAbort = new AbortController();
      const runCtx: FetchContext = { ...ctx, signal: AbortSignal.any([ctx.signal, runAbort.signal]) };
      const load = async (number: number, url: URL): Promise<FetchedPage> => {
        const request = template.build(url);
        const where = `input page ${number} (${request.method} ${ctx.redactor.redact(request.url)})`;
        const started = performance.now();
        const response = await fetchPage(request, where, runCtx);
        const { body, records } = readPageBody(response, spec.records, where);
        logger.debug("page fetched", {
          page: number,
          records: records.length,
          ms: Math.round(performance.now() - started),
          url: ctx.redactor.redact(request.url),
        });
        const { status, headers } = response;
        return { number, url, responseUrl: response.url, status, headers, body, records };
      };
      const prefetch = (number: number, url: URL) => {
        const promise = load(number, url);
        // Observed later by the loop; this only stops an abandoned prefetch from being "unhandled".
        promise.catch(() => {});
        return promise;
      };

      const firstUrl = paginator.first(template.base);
      const seen = new Set<string>([firstUrl.toString()]);
      let pending: Promise<FetchedPage> | undefined = prefetch(1, firstUrl);
      try {
        while (pending) {
          const page: FetchedPage = await pending;
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
            const url = ctx.redactor.redact(template.build(page.url).url);
            yield { number: page.number, url, records: page.records } satisfies SourcePage;
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
