import type { HttpResponse } from "./types.js";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Where a redirect response points, or undefined when it is not a followable redirect. */
export function redirectTarget(response: HttpResponse, from: URL): URL | undefined {
  const location = response.headers.location;
  if (!REDIRECT_STATUSES.has(response.status) || location === undefined) return undefined;
  return URL.canParse(location, from.href) ? new URL(location, from) : undefined;
}

interface RedirectableRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
}

/** 303, and 301/302 after a POST, become a body-less GET (RFC 9110 §15.4); 307/308 replay as is. */
export function nextHop<T extends RedirectableRequest>(request: T, status: number, target: URL): T {
  const becomesGet = status === 303 || ((status === 301 || status === 302) && request.method === "POST");
  if (!becomesGet) return { ...request, url: target };
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !/^content-(type|length)$/i.test(name)),
  );
  return { ...request, method: request.method === "HEAD" ? "HEAD" : "GET", url: target, headers, body: undefined };
}
