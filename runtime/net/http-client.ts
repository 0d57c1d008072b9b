import { Agent } from "undici";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import type { Redactor } from "../secrets/types.js";
import { createGuardedLookup, isBlockedHost, type LookupFunction } from "./address-guard.js";
import { createHostAllowlist } from "./host-allowlist.js";
import { classifyFailure } from "./http-errors.js";
import { createRateLimiter, type RateLimit } from "./rate-limiter.js";
import { nextHop, redirectTarget } from "./redirects.js";
import { DEFAULT_MAX_RESPONSE_BYTES, readBodyLimited } from "./response-body.js";
import { normalizeHeaders } from "./response-headers.js";
import { type Clock, type HttpClient, type HttpRequest, type HttpResponse, systemClock } from "./types.js";

export interface HttpClientOptions {
  /** Hostnames (optionally host:port) the artifact declares; others are refused before connecting. */
  allowedHosts: string[];
  /** false: refuse link-local and cloud-metadata addresses, even when reached via DNS or redirects. */
  allowLinkLocal: boolean;
  connectTimeoutMs: number;
  /** Whole request (headers + body), per attempt. */
  requestTimeoutMs: number;
  /** Token bucket per host, shared by every caller of this client. */
  rateLimit?: RateLimit | undefined;
  clock?: Clock | undefined;
  maxResponseBytes?: number | undefined;
  /** Only redirects to the same hostname are followed. */
  maxRedirects?: number | undefined;
  /** The DNS resolver behind the address guard; defaults to dns.lookup (tests inject one). */
  resolve?: LookupFunction | undefined;
  /** Masks URLs in error messages (API keys may sit in the query). */
  redactor?: Redactor | undefined;
}

interface Hop {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const allowlist = createHostAllowlist(options.allowedHosts);
  const limiter = createRateLimiter(options.rateLimit, options.clock ?? systemClock);
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxRedirects = options.maxRedirects ?? 5;
  const redact = (text: string) => options.redactor?.redact(text) ?? text;
  const agent = new Agent({
    connect: {
      timeout: options.connectTimeoutMs,
      ...(options.allowLinkLocal ? {} : { lookup: createGuardedLookup(options.resolve) }),
    },
  });

  function refuseUnlessAllowed(hop: Hop, where: string): void {
    const details = { method: hop.method, url: redact(hop.url.toString()), host: hop.url.host };
    if (hop.url.protocol !== "http:" && hop.url.protocol !== "https:") {
      throw new CannectorsError(ErrorCodes.HOST_NOT_ALLOWED, `${where} refused: only http and https are supported`, {
        details,
      });
    }
    if (!allowlist.allows(hop.url)) {
      throw new CannectorsError(
        ErrorCodes.HOST_NOT_ALLOWED,
        `${where} refused: host ${hop.url.host} is not declared by the connector (add it to settings.network.allowHosts)`,
        { details },
      );
    }
    // Literal IPs never go through DNS lookup, so the connect-time guard would not see them.
    if (!options.allowLinkLocal && isBlockedHost(hop.url.hostname)) {
      throw new CannectorsError(
        ErrorCodes.ADDRESS_BLOCKED,
        `${where} refused: ${hop.url.hostname} is a link-local or cloud-metadata address (set settings.network.allowPrivateLinkLocal to allow it)`,
        { details },
      );
    }
  }

  async function send(hop: Hop, timeoutMs: number, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const where = `${hop.method} ${redact(hop.url.toString())}`;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      if (signal?.aborted) throw signal.reason;
      const response = await agent.request({
        origin: hop.url.origin,
        path: `${hop.url.pathname}${hop.url.search}`,
        method: hop.method as "GET",
        headers: hop.headers,
        body: hop.body,
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const headers = normalizeHeaders(response.headers);
      const body = await readBodyLimited(response.body, headers["content-length"], maxBytes, where);
      return { status: response.statusCode, headers, body, url: hop.url.toString() };
    } catch (error) {
      throw classifyFailure(error, {
        where,
        timeoutMs,
        timedOut,
        cancelled: signal?.aborted ?? false,
        details: { method: hop.method, url: redact(hop.url.toString()) },
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      const method = request.method.toUpperCase();
      if (!URL.canParse(request.url)) {
        throw new CannectorsError(ErrorCodes.CONFIG_INVALID, `${method} ${redact(request.url)}: not a valid URL`);
      }
      let hop: Hop = { method, url: new URL(request.url), headers: { ...request.headers }, body: request.body };
      const timeoutMs = request.timeoutMs ?? options.requestTimeoutMs;
      for (let redirects = 0; ; redirects++) {
        const where = `${hop.method} ${redact(hop.url.toString())}`;
        refuseUnlessAllowed(hop, where);
        await limiter.acquire(hop.url.host, request.signal);
        const response = await send(hop, timeoutMs, request.signal);
        const target = redirectTarget(response, hop.url);
        if (!target) return response;
        if (redirects >= maxRedirects) {
          throw new CannectorsError(ErrorCodes.REDIRECT_REFUSED, `${where}: more than ${maxRedirects} redirects`, {
            details: { method: hop.method, url: redact(hop.url.toString()) },
          });
        }
        if (target.hostname.toLowerCase() !== hop.url.hostname.toLowerCase()) {
          throw new CannectorsError(
            ErrorCodes.REDIRECT_REFUSED,
            `${where} redirected to another host (${redact(target.toString())}); only same-host redirects are followed`,
            { details: { method: hop.method, url: redact(hop.url.toString()), location: redact(target.toString()) } },
          );
        }
        hop = nextHop(hop, response.status, target);
      }
    },
    pauseHost(url, ms) {
      const host = URL.canParse(url) ? new URL(url).host : undefined;
      if (host !== undefined && ms > 0) limiter.pause(host, ms);
    },
    close: () => agent.close(),
  };
}
