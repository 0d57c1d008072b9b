import type { LoadedSpec } from "../openapi/index.js";

/** Title words that name no API: spec tooling, versions, filler (`Swagger API2Cart`, `GitHub v3 REST API`). */
const GENERIC = new Set(
  "API APIS THE DEMO REST RESTFUL SWAGGER OPENAPI SPEC SPECIFICATION OFFICIAL SERVICE SERVICES WEB HTTP JSON DOCUMENTATION DOCS REFERENCE PUBLIC OF FOR AND".split(
    " ",
  ),
);
/** Host labels that name no vendor (`api.xero.com`, `www.zohoapis.com`, `sandbox.api…`). */
const GENERIC_LABELS = new Set([
  "api",
  "apis",
  "www",
  "rest",
  "app",
  "sandbox",
  "public",
  "developer",
  "v1",
  "v2",
  "v3",
]);

/** The vendor in a server URL's host: `https://api.xero.com/api.xro/2.0` → XERO; none for loopback or templates. */
function hostName(servers: readonly string[]): string | undefined {
  for (const server of servers) {
    const match = /^https?:\/\/([^/:?#]+)/i.exec(server);
    // Server variables name a tenant or a base path (`{subdomain}.zendesk.com`, `api.ebay.com{basePath}`).
    const host = match?.[1]?.toLowerCase().replace(/\{[^}]*\}/g, "");
    if (!host || host === "localhost" || /^[\d.]+$/.test(host) || host.includes("example")) continue;
    const labels = host
      .split(".")
      .slice(0, -1)
      .filter((l) => l !== "" && !GENERIC_LABELS.has(l) && !/^\d+$/.test(l));
    // The registrable name is the last label before the public suffix (`webservices2.autotask.net` → autotask).
    const name = labels.at(-1)?.replace(/^(com|co|org|net)$/, "");
    if (name) return name.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  }
  return undefined;
}

function titleName(title: string): string | undefined {
  const words =
    title
      .toUpperCase()
      .replace(/['’]S\b/g, "")
      .match(/[A-Z0-9]+/g) ?? [];
  return words.find((w) => !GENERIC.has(w) && !/^V?\d+$/.test(w));
}

/**
 * Secret and configuration names read `<API>_<WHAT>` (XERO_API_KEY, GITHUB_TOKEN): the API is the
 * vendor in the server's host when there is one (titles often name a product, `Fulfillment API` of
 * eBay, or the tooling, `Swagger …`), else the first meaningful word of the title, else API.
 */
export function secretPrefix(spec: Pick<LoadedSpec, "title" | "servers">): string {
  return (hostName(spec.servers) ?? titleName(spec.title) ?? "API").slice(0, 20);
}

/** `XERO` + `xero-tenant-id` → XERO_TENANT_ID; `GITHUB` + `owner` → GITHUB_OWNER. */
export function configName(prefix: string, name: string): string {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (snake === prefix || snake.startsWith(`${prefix}_`)) return snake;
  return `${prefix}_${snake || "VALUE"}`;
}
