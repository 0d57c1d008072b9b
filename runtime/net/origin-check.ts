import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { isBlockedHost } from "./address-guard.js";
import type { HostAllowlist } from "./host-allowlist.js";

/** Why a URL may not be requested, or undefined when it may. */
export type Refusal = "protocol" | "host" | "address" | undefined;

/** Origins remembered; URLs taken from response bodies (nextUrl) could otherwise grow the cache without end. */
const MAX_CACHED_ORIGINS = 256;

/**
 * The allow-list and literal-address checks, decided once per origin: the decision depends on the
 * protocol, hostname and port only, and a single-record run asks it for every POST.
 */
export function createOriginCheck(allowlist: HostAllowlist, allowLinkLocal: boolean): (url: URL) => Refusal {
  const decisions = new Map<string, Refusal>();
  const decide = (url: URL): Refusal => {
    if (url.protocol !== "http:" && url.protocol !== "https:") return "protocol";
    if (!allowlist.allows(url)) return "host";
    // Literal IPs never go through DNS lookup, so the connect-time guard would not see them.
    if (!allowLinkLocal && isBlockedHost(url.hostname)) return "address";
    return undefined;
  };
  return (url) => {
    // Not url.origin: it is "null" for every non-special scheme, which would share one decision.
    const key = `${url.protocol}//${url.host}`;
    if (decisions.has(key)) return decisions.get(key);
    const refusal = decide(url);
    if (decisions.size >= MAX_CACHED_ORIGINS) decisions.clear();
    decisions.set(key, refusal);
    return refusal;
  };
}

/** The error for a refused URL, named by `where` (`METHOD url`, redacted). */
export function refusalError(refusal: Exclude<Refusal, undefined>, url: URL, where: string, details: object) {
  const info = { details: { ...details, host: url.host } };
  if (refusal === "protocol") {
    return new CannectorsError(
      ErrorCodes.HOST_NOT_ALLOWED,
      `${where} refused: only http and https are supported`,
      info,
    );
  }
  if (refusal === "host") {
    return new CannectorsError(
      ErrorCodes.HOST_NOT_ALLOWED,
      `${where} refused: host ${url.host} is not declared by the connector (add it to settings.network.allowHosts)`,
      info,
    );
  }
  return new CannectorsError(
    ErrorCodes.ADDRESS_BLOCKED,
    `${where} refused: ${url.hostname} is a link-local or cloud-metadata address (set settings.network.allowPrivateLinkLocal to allow it)`,
    info,
  );
}

/** The error for a URL outside the calling module's own hosts (its baseUrl, tokenUrl, allowHosts). */
export function moduleRefusal(owner: string, url: URL, where: string, details: object) {
  return new CannectorsError(
    ErrorCodes.HOST_NOT_ALLOWED,
    `${where} refused: host ${url.host} is not declared by the ${owner} (its baseUrl or OAuth2 tokenUrl; add others to settings.network.allowHosts)`,
    { details: { ...details, host: url.host, module: owner } },
  );
}
