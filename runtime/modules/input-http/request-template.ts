import type { HttpInput } from "../../artifact/index.js";
import { durationMs } from "../../artifact/index.js";
import { secretBodyRefusal, withoutCredentials } from "../../auth/origin-scope.js";
import type { HttpRequest } from "../../net/types.js";
import { inputBaseUrl } from "./path-params.js";

/** The parts of every page request that do not change from page to page. */
export interface RequestTemplate {
  /** baseUrl + path + static query, before pagination parameters. */
  base: URL;
  build(pageUrl: URL): HttpRequest;
}

/**
 * Joins baseUrl and path textually (`new URL(path, base)` would drop a base path such as `/v2`),
 * the path's placeholders filled from `pathParams`.
 * The incremental cursor is set on every page URL, including URLs taken from responses. A page on
 * another origin than baseUrl's gets no credential header and no header whose value is a secret.
 */
export function requestTemplate(
  spec: HttpInput,
  incrementalValue: string | undefined,
  isSecret: (value: string) => boolean = () => false,
): RequestTemplate {
  const base = inputBaseUrl(spec);
  for (const [name, value] of Object.entries(spec.query)) base.searchParams.set(name, String(value));
  const hasBody = spec.method === "POST" && spec.body !== undefined;
  const headers: Record<string, string> = {
    accept: "application/json",
    ...(hasBody ? { "content-type": "application/json" } : {}),
  };
  for (const [name, value] of Object.entries(spec.headers)) {
    for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
    headers[name] = value;
  }
  const body = hasBody ? JSON.stringify(spec.body) : undefined;
  const origin = base.origin;
  const foreignHeaders = withoutCredentials(headers, isSecret);
  const timeoutMs = spec.timeout === undefined ? undefined : durationMs(spec.timeout);
  return {
    base,
    build(pageUrl) {
      const url = new URL(pageUrl);
      if (spec.incremental && incrementalValue !== undefined)
        url.searchParams.set(spec.incremental.param, incrementalValue);
      const own = url.origin === origin;
      if (!own && body !== undefined && isSecret(body)) throw secretBodyRefusal(url);
      return {
        method: spec.method,
        url: url.toString(),
        headers: { ...(own ? headers : foreignHeaders) },
        body,
        timeoutMs,
      };
    },
  };
}
