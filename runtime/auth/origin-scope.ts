import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { type Authenticator, noAuth } from "./authenticator.js";

/**
 * A module's credentials belong to the origin (scheme, host, port) of its baseUrl and go nowhere
 * else: not to a page URL a response names on another host, not to the same host on another port
 * or scheme. Requests elsewhere (allowed by settings.network.allowHosts) go without them; the HTTP
 * client refuses cross-origin redirects, so a redirect cannot carry them away either.
 */
export function scopeToOrigin(auth: Authenticator, baseUrl: string): Authenticator {
  if (auth === noAuth) return auth;
  const owns = originMatcher(baseUrl);
  return {
    apply: (request) => (owns(request.url) ? auth.apply(request) : Promise.resolve(request)),
    onUnauthorized: () => auth.onUnauthorized(),
  };
}

/** Whether a URL is on the origin of `baseUrl`; a normalised URL (all the runtime builds) is answered without parsing. */
export function originMatcher(baseUrl: string): (url: string) => boolean {
  const origin = new URL(baseUrl).origin;
  const prefix = `${origin}/`;
  return (url) => url.startsWith(prefix) || (URL.canParse(url) && new URL(url).origin === origin);
}

/** Header names that carry credentials whatever their value. */
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);

/**
 * The headers that may go to another origin: without the credential headers and without any
 * header whose value came from a secret (`isSecret`, the redactor's knowledge).
 */
export function withoutCredentials(
  headers: Record<string, string>,
  isSecret: (value: string) => boolean,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADERS.has(name.toLowerCase()) && !isSecret(value)) kept[name] = value;
  }
  return kept;
}

/** A request body holding a secret is never sent to another origin: the page fails instead. */
export function secretBodyRefusal(url: URL): CannectorsError {
  return new CannectorsError(
    ErrorCodes.HOST_NOT_ALLOWED,
    `the input's request body holds a secret and is not sent to another origin (${url.origin})`,
    { details: { origin: url.origin } },
  );
}
