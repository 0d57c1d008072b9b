/** The URL as it may be printed: credentials in the userinfo and the query (some proxies take `?key=`) masked. */
export function safeUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (url.username !== "") url.username = "***";
  if (url.password !== "") url.password = "***";
  for (const name of [...url.searchParams.keys()]) url.searchParams.set(name, "***");
  return url.toString().replace(/\/$/, "").replaceAll("%2A%2A%2A", "***");
}
