import { CannectorsError, ErrorCodes } from "../errors/index.js";
import type { Redactor } from "../secrets/types.js";
import { createGuardedLookup, type LookupFunction } from "./address-guard.js";
import { createHostAllowlist } from "./host-allowlist.js";
import { classifyFailure } from "./http-errors.js";
import { createOriginCheck, moduleRefusal, refusalError } from "./origin-check.js";
import { createRateLimiter, type RateBudget, type RateLimit } from "./rate-limiter.js";
import { nextHop, redirectTarget } from "./redirects.js";
import { AbortFanout, RequestAbort } from "./request-abort.js";
import { DEFAULT_MAX_RESPONSE_BYTES, readBodyLimited } from "./response-body.js";
import { normalizeHeaders } from "./response-headers.js";
import {
  type Clock,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type ModuleHosts,
  systemClock,
} from "./types.js";
import { Agent, requestWith } from "./undici-agent.js";

export interface HttpClientOptions {
  /** Hostnames (optionally host:port) the artifact declares; others are refused before connecting. */
  allowedHosts: string[];
  /** false: refuse link-local and cloud-metadata addresses, even when reached via DNS or redirects. */
  allowLinkLocal: boolean;
  connectTimeoutMs: number;
  /** Whole request (headers + body), per attempt. */
  requestTimeoutMs: number;
  /** Token bucket per host (one limit for all, or a budget naming hosts), shared by every caller of this client. */
  rateLimit?: RateLimit | RateBudget | undefined;
  clock?: Clock | undefined;
  maxResponseBytes?: number | undefined;
  /** Only redirects to the same origin (scheme, host, port) are followed. */
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

/** A parsed URL with what undici is given for it, read once: URL getters build a new string per call. */
interface ParsedUrl {
  href: string;
  url: URL;
  origin: string;
  path: string;
  host: string;
}

function parsedUrl(url: URL): ParsedUrl {
  return { href: url.href, url, origin: url.origin, path: `${url.pathname}${url.search}`, host: url.host };
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const allowlist = createHostAllowlist(options.allowedHosts);
  const limiter = createRateLimiter(options.rateLimit, options.clock ?? systemClock);
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxRedirects = options.maxRedirects ?? 5;
  const redact = (text: string) => options.redactor?.redact(text) ?? text;
  // No pipelining: undici pipelines only idempotent requests, so POSTs would need forcing, and a
  // dropped connection would then leave several deliveries in doubt at once (a retry duplicates
  // them unless the target honours Idempotency-Key). Measured on the bench (8 connections × 4,
  // POSTs forced idempotent), single-record mode was no faster than one request per connection.
  const agent = new Agent({
    connect: {
      timeout: options.connectTimeoutMs,
      ...(options.allowLinkLocal ? {} : { lookup: createGuardedLookup(options.resolve) }),
    },
  });

  const checkOrigin = createOriginCheck(allowlist, options.allowLinkLocal);
  let lastParsed: { text: string; parsed: ParsedUrl } | undefined;
  let clearedUrl: URL | undefined;
  let clearedHosts: ModuleHosts | undefined;
  const fanout = new AbortFanout();

  async function send(
    hop: Hop,
    target: ParsedUrl,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    statusOnly: boolean,
  ): Promise<HttpResponse> {
    // Error text only: redacting every URL up front cost a regex pass per request.
    const href = target.href;
    const where = () => `${hop.method} ${redact(href)}`;
    let status: number | undefined;
    let headersSeen: Record<string, string> | undefined;
    const abort = new RequestAbort();
    let timedOut = false;
    // Whole request, headers and body: undici's headers/body timeouts alone would let a server
    // trickle a body byte by byte forever.
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    const untrack = fanout.track(signal, abort);
    try {
      if (abort.aborted) throw abort.reason;
      const response = await requestWith.call(agent, {
        origin: target.origin,
        path: target.path,
        method: hop.method as "GET",
        headers: hop.headers,
        body: hop.body,
        signal: abort,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const headers = normalizeHeaders(response.headers);
      status = response.statusCode;
      headersSeen = headers;
      const body = await readBodyLimited(response.body, headers["content-length"], maxBytes, where);
      return { status, headers, body, url: href };
    } catch (error) {
      const failure = classifyFailure(error, {
        where: where(),
        timeoutMs,
        timedOut,
        cancelled: signal?.aborted ?? false,
        details: { method: hop.method, url: redact(href) },
      });
      // The status line and headers arrived: the server has answered, whatever became of the body.
      if (statusOnly && status !== undefined && headersSeen !== undefined) {
        return { status, headers: headersSeen, body: Buffer.alloc(0), url: href, bodyError: failure.message };
      }
      throw failure;
    } finally {
      clearTimeout(timer);
      untrack();
    }
  }

  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      const method = request.method.toUpperCase();
      // Hops only read their URL (a redirect makes a new one), so every POST of a batch output,
      // all to the same URL, can share one parse and the strings read from it.
      let parsed: ParsedUrl;
      if (lastParsed !== undefined && request.url === lastParsed.text) parsed = lastParsed.parsed;
      else {
        let fresh: URL;
        try {
          fresh = new URL(request.url);
        } catch {
          throw new CannectorsError(ErrorCodes.CONFIG_INVALID, `${method} ${redact(request.url)}: not a valid URL`);
        }
        parsed = parsedUrl(fresh);
        lastParsed = { text: request.url, parsed };
      }
      const url = parsed.url;
      // The headers are not copied: neither this client nor undici writes to them.
      let hop: Hop = { method, url, headers: request.headers, body: request.body };
      const timeoutMs = request.timeoutMs ?? options.requestTimeoutMs;
      // Redirects stay on this origin (below), so the module's hosts are checked once; the URL a
      // run sends every record to was cleared by its previous request (both checks are pure).
      const cleared = url === clearedUrl && request.hosts === clearedHosts;
      if (!cleared && request.hosts !== undefined && !request.hosts.allows(url)) {
        const where = `${method} ${redact(url.href)}`;
        throw moduleRefusal(request.hosts.owner, url, where, { method, url: redact(url.href) });
      }
      let target = parsed;
      for (let redirects = 0; ; redirects++) {
        const href = target.href;
        const refusal = redirects === 0 && cleared ? undefined : checkOrigin(hop.url);
        if (redirects === 0) {
          clearedUrl = refusal === undefined ? url : undefined;
          clearedHosts = request.hosts;
        }
        if (refusal !== undefined) {
          const where = `${hop.method} ${redact(href)}`;
          throw refusalError(refusal, hop.url, where, { method: hop.method, url: redact(href) });
        }
        const admitted = limiter.acquire(target.host, request.signal);
        if (admitted !== undefined) await admitted;
        const response = await send(hop, target, timeoutMs, request.signal, request.statusOnly === true);
        // Every module's responses feed the host's one budget: an exhausted window holds them all.
        limiter.observe(target.host, response.headers);
        const redirected = redirectTarget(response, hop.url);
        if (!redirected) return response;
        const where = `${hop.method} ${redact(href)}`;
        if (redirects >= maxRedirects) {
          throw new CannectorsError(ErrorCodes.REDIRECT_REFUSED, `${where}: more than ${maxRedirects} redirects`, {
            details: { method: hop.method, url: redact(href) },
          });
        }
        // The request's headers (credentials) and body (records) must not reach another origin, not
        // even the same host on another port or scheme: refused rather than followed without them.
        if (redirected.origin !== target.origin) {
          throw new CannectorsError(
            ErrorCodes.REDIRECT_REFUSED,
            `${where} redirected to another origin (${redact(redirected.toString())}); only same-origin redirects are followed`,
            { details: { method: hop.method, url: redact(href), location: redact(redirected.toString()) } },
          );
        }
        hop = nextHop(hop, response.status, redirected);
        target = parsedUrl(redirected);
      }
    },
    pauseHost(url, ms) {
      const host = URL.canParse(url) ? new URL(url).host : undefined;
      if (host !== undefined && ms > 0) limiter.pause(host, ms);
    },
    close: () => agent.close(),
  };
}
