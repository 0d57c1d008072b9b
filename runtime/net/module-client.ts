import { createHostAllowlist } from "./host-allowlist.js";
import type { HttpClient, ModuleHosts } from "./types.js";

/**
 * The shared client (one pool, one rate limiter) as one module sees it: every request carries the
 * module's own host allowlist, so a URL a response hands the input (nextUrl, Link) cannot reach the
 * output's host, nor the other way round, unless settings.network.allowHosts names it.
 */
export function moduleClient(client: HttpClient, owner: string, hosts: readonly string[]): HttpClient {
  const allowlist = createHostAllowlist(hosts);
  const scope: ModuleHosts = { owner, allows: (url) => allowlist.allows(url) };
  return {
    hosts: scope,
    // A request that already carries this scope (the output sets `hosts` from `client.hosts`) is
    // not copied: spreading one request object into another cost ~1.7 µs, once per record in single mode.
    request: (request) => client.request(request.hosts === scope ? request : { ...request, hosts: scope }),
    pauseHost: (url, ms) => client.pauseHost(url, ms),
    close: () => client.close(),
  };
}
