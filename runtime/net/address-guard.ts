import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { isIP } from "node:net";
import { CannectorsError, ErrorCodes } from "../errors/index.js";

/**
 * Cloud metadata endpoints hand out credentials to anything that can reach them, so a connector
 * whose URL comes from a response body (nextUrl, redirects) must never reach them by accident.
 */
const BLOCKED_HOSTNAMES = new Set(["metadata.google.internal"]);
const BLOCKED_IPV4 = new Set(["100.100.100.200"]);
const BLOCKED_IPV6 = new Set(["fd00:ec2:0:0:0:0:0:254"]);

/** Strips URL brackets and zone ids: `[fe80::1%eth0]` → `fe80::1`. */
function bareAddress(host: string): string {
  const unbracketed = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  const zone = unbracketed.indexOf("%");
  return (zone === -1 ? unbracketed : unbracketed.slice(0, zone)).toLowerCase();
}

/** 0.0.0.0/8 is "this host" to most stacks: a way round an allowlist that never names loopback. */
function isBlockedIpv4(address: string): boolean {
  return address.startsWith("169.254.") || address.startsWith("0.") || BLOCKED_IPV4.has(address);
}

/** Eight 16-bit groups of an address `isIP` already accepted as IPv6. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  const embedded = text.slice(lastColon + 1);
  if (embedded.includes(".")) {
    const [a = 0, b = 0, c = 0, d = 0] = embedded.split(".").map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith("::")) text = text.slice(0, -1);
  }
  const halves = text.split("::");
  const parse = (part: string | undefined) =>
    part === undefined || part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16));
  const left = parse(halves[0]);
  const right = parse(halves[1]);
  const missing = 8 - tail.length - left.length - right.length;
  const groups = [...left, ...new Array<number>(Math.max(0, missing)).fill(0), ...right, ...tail];
  return groups.length === 8 ? groups : undefined;
}

function isBlockedIpv6(address: string): boolean {
  const groups = ipv6Groups(address);
  if (!groups) return false;
  const [first = 0] = groups;
  if ((first & 0xffc0) === 0xfe80) return true;
  if (groups.every((g) => g === 0)) return true;
  if (BLOCKED_IPV6.has(groups.map((g) => g.toString(16)).join(":"))) return true;
  // IPv4-mapped (::ffff:a.b.c.d) reaches the IPv4 address it embeds.
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isMapped) {
    const high = groups[6] ?? 0;
    const low = groups[7] ?? 0;
    return isBlockedIpv4(`${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`);
  }
  return false;
}

/** True for link-local and cloud-metadata IP addresses. Loopback and private ranges stay allowed. */
export function isBlockedAddress(address: string): boolean {
  const bare = bareAddress(address);
  const family = isIP(bare);
  if (family === 4) return isBlockedIpv4(bare);
  if (family === 6) return isBlockedIpv6(bare);
  return false;
}

/** True for metadata hostnames and for literal blocked IPs. */
export function isBlockedHost(host: string): boolean {
  const bare = bareAddress(host).replace(/\.$/, "");
  return BLOCKED_HOSTNAMES.has(bare) || isBlockedAddress(bare);
}

export type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

function blockedError(hostname: string, address: string): CannectorsError {
  return new CannectorsError(
    ErrorCodes.ADDRESS_BLOCKED,
    `${hostname} resolves to ${address}, a link-local or cloud-metadata address (set settings.network.allowPrivateLinkLocal to allow it)`,
    { details: { hostname, address } },
  );
}

/**
 * A `lookup` for net.connect that refuses blocked addresses after DNS resolution, so a name that
 * rebinds to a metadata address between checks is still caught at connect time.
 */
export function createGuardedLookup(resolve: LookupFunction = dnsLookup as unknown as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    if (isBlockedHost(hostname)) {
      callback(blockedError(hostname, hostname) as NodeJS.ErrnoException, "");
      return;
    }
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const list = Array.isArray(addresses) ? addresses : [{ address: addresses, family: isIP(addresses) }];
      const blocked = list.find((entry) => isBlockedAddress(entry.address));
      if (blocked) return callback(blockedError(hostname, blocked.address) as NodeJS.ErrnoException, "");
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "");
      callback(null, first.address, first.family);
    });
  };
}
