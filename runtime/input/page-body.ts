import type { JsonRecord } from "../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import type { HttpResponse } from "../net/types.js";
import { getPath } from "../json/path.js";

export interface PageBody {
  body: unknown;
  records: JsonRecord[];
}

/**
 * Parses a page and selects its records. `where` names the page and its (redacted) URL.
 * A 204 or an empty body is an empty page rather than an error.
 */
export function readPageBody(response: HttpResponse, recordsPath: string | undefined, where: string): PageBody {
  const text = response.body.toString("utf8");
  if (response.status === 204 || text.trim() === "") return { body: null, records: [] };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new CannectorsError(
      ErrorCodes.PAGE_INVALID,
      `${where}: the body is not valid JSON (${(error as Error).message}; ${response.body.length} bytes received)`,
      { cause: error },
    );
  }
  const selected = recordsPath === undefined ? body : getPath(body, recordsPath);
  if (!Array.isArray(selected)) {
    const what = recordsPath === undefined ? "the body" : `records path "${recordsPath}"`;
    const found = selected === undefined ? "nothing" : Array.isArray(selected) ? "an array" : typeof selected;
    throw new CannectorsError(ErrorCodes.RECORDS_NOT_FOUND, `${where}: ${what} is not an array (found ${found})`, {
      details: { recordsPath },
    });
  }
  selected.forEach((record, index) => {
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      const kind = record === null ? "null" : Array.isArray(record) ? "an array" : typeof record;
      throw new CannectorsError(ErrorCodes.PAGE_INVALID, `${where}: record ${index} is ${kind}, expected an object`, {
        details: { index },
      });
    }
  });
  return { body, records: selected as JsonRecord[] };
}
