import { type BodyText, decodeBodyText } from "../../../net/body-text.js";
import type { HttpResponse } from "../../../net/types.js";

/**
 * A page's text, strictly decoded, for every format; undefined for a page with nothing in it (a 204,
 * an empty or blank body), which each format reads as an empty page rather than an error.
 */
export function pageText(response: HttpResponse, where: string): BodyText | undefined {
  if (response.status === 204 || response.body.length === 0) return undefined;
  const decoded = decodeBodyText(response.body, response.headers["content-type"], where);
  return decoded.text.trim() === "" ? undefined : decoded;
}
