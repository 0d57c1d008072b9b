import type { HttpClient, HttpRequest, HttpResponse } from "../net/types.js";
import type { Redactor } from "../secrets/types.js";
import type { TraceSpan } from "./types.js";

/**
 * A span per request attempt under the run's span, named for the module that sent it (the input's
 * pages, the output's batches, lookups...), with the status it got. With `propagate`, the request
 * carries the span as a W3C `traceparent` header, so a target that traces too joins the trace; it
 * is opt-in because it tells third parties a trace id. URLs are redacted (keys may sit in a query).
 */
export function tracedClient(client: HttpClient, run: TraceSpan, redactor: Redactor, propagate: boolean): HttpClient {
  return {
    get hosts() {
      return client.hosts;
    },
    pauseHost: (url, ms) => client.pauseHost(url, ms),
    close: () => client.close(),
    async request(request: HttpRequest): Promise<HttpResponse> {
      const module = request.hosts?.owner ?? "connector";
      const span = run.child(
        `${module} ${request.method}`,
        {
          "cannectors.module": module,
          "http.request.method": request.method,
          "url.full": redactor.redact(request.url),
        },
        "client",
      );
      const sent = propagate
        ? { ...request, headers: { ...request.headers, traceparent: span.traceparent() } }
        : request;
      try {
        const response = await client.request(sent);
        span.setAttributes({ "http.response.status_code": response.status });
        if (response.status >= 400) span.fail(`HTTP ${response.status}`);
        return response;
      } catch (error) {
        span.fail(redactor.redact(error instanceof Error ? error.message : String(error)));
        throw error;
      } finally {
        span.end();
      }
    },
  };
}
