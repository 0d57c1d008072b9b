import { isRecord } from "./pointer.js";

/** Server URLs with their variables set to their defaults; a relative URL is read against the spec's URL. */
export function readServers(root: Record<string, unknown>, rootHref: string): string[] {
  if (!Array.isArray(root.servers)) return [];
  const out: string[] = [];
  for (const server of root.servers) {
    if (!isRecord(server) || typeof server.url !== "string") continue;
    let url = server.url;
    if (isRecord(server.variables)) {
      for (const [name, variable] of Object.entries(server.variables)) {
        const value = isRecord(variable) && variable.default !== undefined ? String(variable.default) : "";
        url = url.split(`{${name}}`).join(value);
      }
    }
    if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && /^https?:/.test(rootHref)) url = new URL(url, rootHref).href;
    out.push(url.replace(/\/$/, "") || "/");
  }
  return [...new Set(out)];
}
