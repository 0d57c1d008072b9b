/**
 * The one rule for putting a value into a URL. Every feature that builds a request URL from data
 * (output paths today; input path parameters and dependent child requests later) goes through
 * `compileUrlTemplate`, so the rule lives in one place:
 *
 * - A `{field.path}` placeholder fills part of exactly one path segment. Its value is a string,
 *   number, boolean or bigint, written with `encodeURIComponent`, so `/`, `?`, `#`, `%`, `\`,
 *   spaces and any Unicode stay inside that segment, percent-encoded.
 * - A value can never change the URL's origin, query or number of path segments: an empty value,
 *   `.` or `..` (and any filled segment the URL parser would treat as a dot segment, such as `%2e`)
 *   and a string that is not well-formed Unicode (a lone surrogate has no exact URL form) are
 *   that value's failure, returned as a reason for the caller to dead-letter; nothing is sent.
 * - Placeholders belong in the path: one in the query or fragment, or one a literal `..` would
 *   remove, is a configuration error. Query values are set through URLSearchParams (the
 *   `query:` map here, pagination and incremental parameters in the input), never concatenated.
 *
 * The template is parsed once; filling it per record is string concatenation, no URL parsing.
 */
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { ExactNumber } from "../json/exact-number.js";
import { compilePathReader, parsePath } from "../json/path.js";

export type QueryValues = Readonly<Record<string, string | number | boolean>>;

export interface UrlTemplateSpec {
  baseUrl: string;
  /** Starts with `/`; may hold `{field.path}` placeholders. */
  path: string;
  query?: QueryValues | undefined;
}

export type FilledUrl =
  | {
      ok: true;
      url: string;
      /** The same URL with the template's own text (base URL, query: they may hold secrets) masked; the filled values exact. */
      maskedUrl: string;
    }
  | { ok: false; reason: string };

export interface UrlTemplate {
  /** The placeholders' field paths, in order; empty when every request has the same URL. */
  readonly placeholders: readonly string[];
  /** Fills each placeholder from `source` (read as a field path, own properties only). */
  fill(source: unknown): FilledUrl;
}

/** A value as exactly one path segment's text, or why it cannot be one. */
export function encodePathSegment(value: unknown): { ok: true; text: string } | { ok: false; problem: string } {
  let text: string;
  switch (typeof value) {
    case "string":
      text = value;
      break;
    case "number":
    case "boolean":
    case "bigint":
      text = String(value);
      break;
    case "undefined":
      return { ok: false, problem: "has no value in the record" };
    default:
      if (value instanceof ExactNumber) {
        text = value.text;
        break;
      }
      return { ok: false, problem: value === null ? "has no value in the record" : "is not a scalar in the record" };
  }
  if (text === "") return { ok: false, problem: "is empty in the record (an empty path segment)" };
  if (text === "." || text === "..") {
    return { ok: false, problem: `is "${text}" in the record, which would remove a path segment` };
  }
  try {
    return { ok: true, text: encodeURIComponent(text) };
  } catch {
    return { ok: false, problem: "is not well-formed Unicode in the record (a lone surrogate has no URL form)" };
  }
}

/** `.`, `..` and their percent-encoded spellings: the segments the WHATWG URL parser removes. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/** A segment holding at least one placeholder: its text is parts[from] (after its last `/`) … parts[to] (before its first `/`). */
interface SharedSegment {
  from: number;
  to: number;
  head: string;
  tail: string;
}

export function compileUrlTemplate(spec: UrlTemplateSpec, mask: (text: string) => string = same): UrlTemplate {
  const fields: string[] = [];
  const literals: string[] = [];
  let last = 0;
  for (const match of spec.path.matchAll(/\{([^{}]+)\}/g)) {
    literals.push(spec.path.slice(last, match.index));
    fields.push(match[1]!.trim());
    last = match.index + match[0].length;
  }
  literals.push(spec.path.slice(last));
  const readers = fields.map((field) => compilePathReader(parsePath(checkedField(field, spec.path))));
  const parts = parseOnce(spec, literals);
  const shared = sharedSegments(parts);

  // Masked lazily: by the first request every static secret (and any the authenticators add) is known.
  let maskedParts: string[] | undefined;
  const masked = (): string[] => {
    maskedParts ??= parts.map(mask);
    return maskedParts;
  };
  const fixed = parts.length === 1 ? parts[0]! : undefined;
  let fixedResult: FilledUrl | undefined;

  return {
    placeholders: fields,
    fill(source) {
      if (fixed !== undefined) {
        fixedResult ??= { ok: true, url: fixed, maskedUrl: masked()[0]! };
        return fixedResult;
      }
      const values: string[] = [];
      for (let index = 0; index < readers.length; index++) {
        const encoded = encodePathSegment(readers[index]!(source));
        if (!encoded.ok) return { ok: false, reason: `path placeholder {${fields[index]}} ${encoded.problem}` };
        values.push(encoded.text);
      }
      for (const segment of shared) {
        let text = segment.head;
        for (let index = segment.from; index < segment.to; index++) text += values[index]! + parts[index + 1]!;
        text = text.slice(0, text.length - parts[segment.to]!.length) + segment.tail;
        if (DOT_SEGMENT.test(text)) {
          const names = fields.slice(segment.from, segment.to).map((field) => `{${field}}`);
          return { ok: false, reason: `path placeholder ${names.join("")} would fill a "${text}" path segment` };
        }
      }
      const maskedText = masked();
      let url = parts[0]!;
      let maskedUrl = maskedText[0]!;
      for (let index = 0; index < values.length; index++) {
        url += values[index]! + parts[index + 1]!;
        maskedUrl += values[index]! + maskedText[index + 1]!;
      }
      return { ok: true, url, maskedUrl };
    },
  };
}

function same(text: string): string {
  return text;
}

const FIELD_PATH = /^[^.\s[\]]+(\[\d+\])*(\.[^.\s[\]]+(\[\d+\])*)*$/;

function checkedField(field: string, path: string): string {
  if (FIELD_PATH.test(field)) return field;
  throw new CannectorsError(
    ErrorCodes.CONFIG_INVALID,
    `path ${path}: placeholder {${field}} is not a field path such as {id} or {client.id}`,
    { details: { path, placeholder: field } },
  );
}

/**
 * baseUrl + path + query parsed once, with a marker in place of each placeholder, then cut at the
 * markers: the literal text between placeholders exactly as the URL parser normalises it.
 */
function parseOnce(spec: UrlTemplateSpec, literals: string[]): string[] {
  const whole = spec.baseUrl + spec.path;
  let stem = "cnxslot";
  while (whole.includes(stem)) stem += "x";
  const marker = (index: number) => `${stem}${index}${stem}`;
  // A trailing slash on baseUrl does not double up with the path's leading one.
  let text = spec.baseUrl.replace(/\/+$/, "") + literals[0];
  for (let index = 1; index < literals.length; index++) text += marker(index - 1) + literals[index];
  const url = new URL(text);
  for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.append(name, String(value));
  const href = url.href;
  const parts: string[] = [];
  let from = 0;
  for (let index = 0; index < literals.length - 1; index++) {
    const at = href.indexOf(marker(index), from);
    const inPath = at !== -1 && url.pathname.includes(marker(index));
    if (!inPath || href.indexOf(marker(index), at + 1) !== -1) {
      throw new CannectorsError(
        ErrorCodes.CONFIG_INVALID,
        `path ${spec.path}: placeholder number ${index + 1} must sit inside the path (not in the query or fragment, nor in a segment a literal ".." removes)`,
        { details: { path: spec.path } },
      );
    }
    parts.push(href.slice(from, at));
    from = at + marker(index).length;
  }
  parts.push(href.slice(from));
  return parts;
}

/** Every segment that holds a placeholder and more than that placeholder alone (`v{n}`, `{a}.{b}`). */
function sharedSegments(parts: readonly string[]): SharedSegment[] {
  const segments: SharedSegment[] = [];
  for (let from = 0; from < parts.length - 1; ) {
    let to = from + 1;
    while (to < parts.length - 1 && !/[/?#]/.test(parts[to]!)) to++;
    const before = parts[from]!;
    const head = before.slice(before.lastIndexOf("/") + 1);
    const after = parts[to]!;
    const end = after.search(/[/?#]/);
    const tail = end === -1 ? after : after.slice(0, end);
    // A placeholder alone in its segment is checked by encodePathSegment already.
    if (head !== "" || tail !== "" || to - from > 1) segments.push({ from, to, head, tail });
    from = to;
  }
  return segments;
}
