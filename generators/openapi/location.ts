import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Every document is keyed by an absolute URL (`file:` or `http(s):`) so relative refs resolve alike. */
export function toLocationUrl(source: string, cwd = process.cwd()): URL {
  if (/^https?:\/\//i.test(source) || source.startsWith("file:")) return new URL(source);
  return pathToFileURL(isAbsolute(source) ? source : resolve(cwd, source));
}

/** The document part of a location, without its fragment. */
export function documentKey(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = "";
  return copy.href;
}

/** How a location is shown in messages: a path relative to the working directory, or the URL. */
export function displayLocation(href: string, cwd = process.cwd()): string {
  if (!href.startsWith("file:")) return href;
  const path = fileURLToPath(href);
  const rel = relative(cwd, path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
