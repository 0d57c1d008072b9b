/** baseUrl + path + query; a trailing slash on baseUrl does not double up with the path's leading one. */
export function buildUrl(baseUrl: string, path: string, query: Record<string, string | number | boolean>): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [name, value] of Object.entries(query)) url.searchParams.append(name, String(value));
  return url.toString();
}
