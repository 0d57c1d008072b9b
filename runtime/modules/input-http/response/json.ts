import type { JsonRecord } from "../../../engine/modules.js";
import type { RecordFailure } from "../../../engine/modules.js";
import { formatPath } from "../../../diagnostics/index.js";
import { CannectorsError, ErrorCodes } from "../../../errors/index.js";
import type { HttpResponse } from "../../../net/types.js";
import { decodeJson, ExactNumber, type JsonProblem, parsePath, readPath, stringifyJson } from "../../../json/index.js";
import type { ExactParse } from "../../../json/parse-exact.js";
import { pageText } from "./page-text.js";

export interface PageBody {
  body: unknown;
  records: JsonRecord[];
  /** Records that cannot be processed, by index: each is that record's failure, not the page's. */
  failures: Map<number, RecordFailure>;
}

/**
 * Decodes a page (strict charset, numbers exact: json/decode.ts) and selects its records. A
 * problem inside one record (nested deeper than `maxDepth`, a key twice, bytes that are not UTF-8
 * in one of its strings, not an object) is that
 * record's failure; anywhere else it fails the page. `where` names the page and its (redacted)
 * URL. A 204 or an empty body is an empty page rather than an error.
 */
export function readJsonPage(
  response: HttpResponse,
  recordsPath: string | undefined,
  where: string,
  maxDepth: number,
): PageBody {
  const empty: PageBody = { body: null, records: [], failures: new Map() };
  const page = pageText(response, where);
  if (page === undefined) return empty;
  const { text, invalid } = page;
  const segments = recordsPath === undefined ? [] : parsePath(recordsPath);
  // Levels above a record: one per path segment, one for the records list.
  const above = segments.length + 1;
  let parsed: ExactParse;
  try {
    parsed = decodeJson(text, { maxDepth: maxDepth + above, sourceDepth: above, invalid });
  } catch (error) {
    const bytes = invalid === undefined ? "" : `, bytes that are not UTF-8 at ${invalid.bytes.slice(0, 5).join(", ")}`;
    throw new CannectorsError(
      ErrorCodes.PAGE_INVALID,
      `${where}: the body is not valid JSON (${(error as Error).message}; ${response.body.length} bytes received${bytes})`,
      { cause: error },
    );
  }
  const body = parsed.value;
  const selected = readPath(body, segments);
  if (!Array.isArray(selected)) {
    const what = recordsPath === undefined ? "the body" : `records path "${recordsPath}"`;
    const found = selected === undefined ? "nothing" : Array.isArray(selected) ? "an array" : typeof selected;
    throw new CannectorsError(ErrorCodes.RECORDS_NOT_FOUND, `${where}: ${what} is not an array (found ${found})`, {
      details: { recordsPath },
    });
  }
  const failures = new Map<number, RecordFailure>();
  for (const problem of parsed.problems) {
    const index = recordIndex(problem, segments.length);
    if (index === undefined) throw pageProblem(where, problem, maxDepth);
    if (failures.has(index)) continue;
    failures.set(index, {
      reason: `record ${index} of ${where}: ${describeProblem(problem, maxDepth)}`,
      source: parsed.sources.get(problem) ?? "",
    });
  }
  selected.forEach((record, index) => {
    if (typeof record === "object" && record !== null && !Array.isArray(record) && !(record instanceof ExactNumber)) {
      return;
    }
    if (failures.has(index)) return;
    const kind =
      record === null
        ? "null"
        : Array.isArray(record)
          ? "a list"
          : typeof record === "object"
            ? "number"
            : typeof record;
    failures.set(index, {
      reason: `record ${index} of ${where} is ${kind}, expected an object`,
      source: stringifyJson(record),
    });
  });
  return { body, records: selected as JsonRecord[], failures };
}

/** The index of the record a problem is in, or undefined when it is outside the records. */
function recordIndex(problem: JsonProblem, depth: number): number | undefined {
  if (problem.path.length <= depth) return undefined;
  const index = problem.path[depth];
  return typeof index === "number" ? index : undefined;
}

function describeProblem(problem: JsonProblem, maxDepth: number): string {
  const at = problem.path.length === 0 ? "" : ` at ${shortPath(problem.path)}`;
  // The parser counts from the page's root; a record's own levels are what the setting caps.
  if (problem.kind === "depth") return `nested deeper than ${maxDepth} levels${at} (settings.limits.maxDepth)`;
  return `${problem.message}${at}`;
}

function shortPath(path: JsonProblem["path"]): string {
  const text = formatPath(path);
  return text.length > 200 ? `${text.slice(0, 100)}…${text.slice(-100)}` : text;
}

function pageProblem(where: string, problem: JsonProblem, maxDepth: number): CannectorsError {
  return new CannectorsError(ErrorCodes.PAGE_INVALID, `${where}: ${describeProblem(problem, maxDepth)}`, {
    details: { path: problem.path.length === 0 ? "" : formatPath(problem.path) },
  });
}
