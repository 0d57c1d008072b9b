/** baseUrl + path + query; a trailing slash on baseUrl does not double up with the path's leading one. */
export function buildUrl(baseUrl: string, path: string, query: Record<string, string | number | boolean>): string {
  // Without {field} placeholders every request of an output has the same URL: skip re-parsing it.
  if (baseUrl === last.baseUrl && path === last.path && query === last.query) return last.url;
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [name, value] of Object.entries(query)) url.searchParams.append(name, String(value));
  last = { baseUrl, path, query, url: url.toString() };
  return last.url;
}

let last: { baseUrl: string; path: string; query: object; url: string } = { baseUrl: "", path: "", query: {}, url: "" };
