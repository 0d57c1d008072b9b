import { durationMs } from "../../artifact/common.js";
import type { HttpInput } from "./schema.js";
import { secretBodyRefusal, withoutCredentials } from "../../auth/origin-scope.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { ExactNumber, stringifyJson } from "../../json/index.js";
import type { HttpRequest } from "../../net/types.js";
import { type PageRequest, withValue } from "../../pagination/paginator.js";
import { inputBaseUrl } from "./path-params.js";
import { acceptHeader } from "./response/index.js";

/** The parts of every page request that do not change from page to page. */
export interface RequestTemplate {
  /** baseUrl + path + static query, and the configured body (with a body-placed incremental cursor), before pagination. */
  base: PageRequest;
  build(page: PageRequest): HttpRequest;
}

/**
 * Joins baseUrl and path textually (`new URL(path, base)` would drop a base path such as `/v2`),
 * the path's placeholders filled from `pathParams` (or `baseUrl` given filled: a dependent child request).
 * The incremental cursor is set on every page URL, including URLs taken from responses, or once
 * in the body (which every page's body is derived from). A page on another origin than baseUrl's
 * gets no credential header and no header whose value is a secret. The body is written with exact
 * numbers, once per page: every retry of the page resends the same bytes.
 */
export function requestTemplate(
  spec: HttpInput,
  incrementalValue: string | undefined,
  isSecret: (value: string) => boolean = () => false,
  baseUrl: URL = inputBaseUrl(spec),
): RequestTemplate {
  for (const [name, value] of Object.entries(spec.query)) baseUrl.searchParams.set(name, String(value));
  const post = spec.method === "POST";
  const incremental = spec.incremental;
  const queryCursor = incremental && incremental.in !== "body" ? incremental.param : undefined;
  // A POST whose values go in the body has one even when none is configured.
  const pagination = spec.pagination;
  const placed = incremental?.in === "body" || ("in" in pagination && pagination.in === "body");
  let base: PageRequest = { url: baseUrl, body: post ? (spec.body ?? (placed ? {} : undefined)) : undefined };
  if (incremental?.in === "body" && incrementalValue !== undefined) {
    base = withValue(base, "body", incremental.param, bodyCursor(incrementalValue, incremental.as));
  }
  const headers: Record<string, string> = {
    accept: acceptHeader(spec.response?.format),
    ...(post ? { "content-type": "application/json" } : {}),
  };
  for (const [name, value] of Object.entries(spec.headers)) {
    for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
    headers[name] = value;
  }
  const origin = baseUrl.origin;
  const foreignHeaders = withoutCredentials(headers, isSecret);
  const timeoutMs = spec.timeout === undefined ? undefined : durationMs(spec.timeout);
  return {
    base,
    build(page) {
      const url = new URL(page.url);
      if (queryCursor !== undefined && incrementalValue !== undefined)
        url.searchParams.set(queryCursor, incrementalValue);
      const own = url.origin === origin;
      const body = post && page.body !== undefined ? stringifyJson(page.body) : undefined;
      if (!own && body !== undefined && isSecret(body)) throw secretBodyRefusal(url);
      const sent =
        body === undefined ? withoutContentType(own ? headers : foreignHeaders) : own ? headers : foreignHeaders;
      return { method: spec.method, url: url.toString(), headers: { ...sent }, body, timeoutMs };
    },
  };
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** The saved cursor as the body carries it: a string, or (`as: number`) a JSON number with the saved digits. */
function bodyCursor(value: string, as: "string" | "number" | undefined): unknown {
  if (as !== "number") return value;
  if (!JSON_NUMBER.test(value)) {
    throw new CannectorsError(
      ErrorCodes.STATE,
      `the incremental cursor ${JSON.stringify(value)} is not a JSON number (input.incremental.as: number)`,
      { details: { cursor: value } },
    );
  }
  return new ExactNumber(value);
}

function withoutContentType(headers: Record<string, string>): Record<string, string> {
  if (!Object.hasOwn(headers, "content-type")) return headers;
  const { "content-type": _dropped, ...rest } = headers;
  return rest;
}
