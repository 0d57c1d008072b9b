export interface Link {
  /** The target as written (may be relative). */
  uri: string;
  /** Parameter names lower-cased; `rel` keeps its space-separated relation types. */
  params: Record<string, string>;
}

/**
 * RFC 8288 §3 `Link` header: `<uri>; rel="next"; title="x", <uri2>; rel=last`.
 * Commas inside `<...>` and quoted strings do not split links.
 */
export function parseLinkHeader(header: string): Link[] {
  const links: Link[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < header.length && /[\s,]/.test(header[i] ?? "")) i++;
  };
  while (i < header.length) {
    skipSpace();
    if (header[i] !== "<") {
      // Not a link-value: skip to the next comma outside quotes.
      const next = header.indexOf(",", i);
      if (next === -1) break;
      i = next + 1;
      continue;
    }
    const end = header.indexOf(">", i);
    if (end === -1) break;
    const link: Link = { uri: header.slice(i + 1, end).trim(), params: {} };
    i = end + 1;
    while (i < header.length) {
      while (i < header.length && /\s/.test(header[i] ?? "")) i++;
      if (header[i] !== ";") break;
      i++;
      const nameMatch = /^\s*([^=;,\s]+)\s*/.exec(header.slice(i));
      if (!nameMatch) break;
      const name = (nameMatch[1] ?? "").toLowerCase();
      i += nameMatch[0].length;
      let value = "";
      if (header[i] === "=") {
        i++;
        while (header[i] === " ") i++;
        if (header[i] === '"') {
          i++;
          while (i < header.length && header[i] !== '"') {
            if (header[i] === "\\") i++;
            value += header[i] ?? "";
            i++;
          }
          i++;
        } else {
          const token = /^[^;,\s]*/.exec(header.slice(i))?.[0] ?? "";
          value = token;
          i += token.length;
        }
      }
      // §3.3: only the first occurrence of a parameter counts.
      if (!(name in link.params)) link.params[name] = value;
    }
    links.push(link);
  }
  return links;
}

/** The first link whose rel includes `rel` (case-insensitive), or undefined. */
export function findLink(header: string | undefined, rel: string): Link | undefined {
  if (!header) return undefined;
  const wanted = rel.toLowerCase();
  return parseLinkHeader(header).find((link) => (link.params.rel ?? "").toLowerCase().split(/\s+/).includes(wanted));
}
