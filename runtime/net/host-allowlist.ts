/**
 * The hosts a connector may talk to: those its artifact names plus settings.network.allowHosts.
 * An entry is a hostname (any port) or `host:port` (that port only); matching ignores case.
 */
export interface HostAllowlist {
  allows(url: URL): boolean;
}

function defaultPort(protocol: string): string {
  return protocol === "https:" ? "443" : "80";
}

export function createHostAllowlist(entries: readonly string[]): HostAllowlist {
  const hostnames = new Set<string>();
  const hostPorts = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    // Parsing through URL normalises IPv6 brackets and IDNs the same way request URLs are.
    const parsed = URL.canParse(`http://${entry}`) ? new URL(`http://${entry}`) : undefined;
    if (!parsed) continue;
    const hasPort = /:\d+$/.test(entry) && !entry.endsWith("]");
    if (hasPort) hostPorts.add(`${parsed.hostname}:${parsed.port || "80"}`);
    else hostnames.add(parsed.hostname);
  }
  return {
    allows(url) {
      const hostname = url.hostname.toLowerCase();
      if (hostnames.has(hostname)) return true;
      return hostPorts.has(`${hostname}:${url.port || defaultPort(url.protocol)}`);
    },
  };
}
