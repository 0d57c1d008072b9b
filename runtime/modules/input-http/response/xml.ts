import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { XmlOptions } from "../../../artifact/index.js";
import type { JsonRecord, RecordFailure } from "../../../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../../../errors/index.js";
import { isPlainObject, parsePath, readPath, stringifyJson } from "../../../json/index.js";
import type { HttpResponse } from "../../../net/types.js";
import { decodeXmlText, refuseDocumentType, withCdataEscaped } from "./xml-text.js";
import type { PageBody } from "./json.js";
import { pageText } from "./page-text.js";

/**
 * An XML page. The document becomes plain data: an element holding only text is that text (a
 * string, "" when empty); any other element is an object with its attributes as `@name`, its child
 * elements by name, and its text as `#text`. An element that occurs more than once under one
 * parent is a list; the records element, and those named in `xml.lists`, are always lists, one
 * occurring or many. Values stay strings. A document type declaration is refused (no entity
 * expansion, no external entity is ever read); only the five XML entities and character references
 * are decoded. A record with text only becomes `{ "#text": ... }`.
 */
export function readXmlPage(
  response: HttpResponse,
  recordsPath: string | undefined,
  options: XmlOptions | undefined,
  where: string,
  maxDepth: number,
): PageBody {
  const empty: PageBody = { body: null, records: [], failures: new Map() };
  const page = pageText(response, where);
  if (page === undefined) return empty;
  const { text, invalid } = page;
  const fail = (problem: string, cause?: unknown) =>
    new CannectorsError(ErrorCodes.PAGE_INVALID, `${where}: ${problem}`, cause === undefined ? {} : { cause });
  if (invalid !== undefined) {
    throw fail(`the XML body holds bytes that are not UTF-8 (at byte ${invalid.bytes.slice(0, 5).join(", ")})`);
  }
  const refusal = refuseDocumentType(text);
  if (refusal !== undefined) throw fail(refusal);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw fail(`the body is not well-formed XML at line ${line}, column ${col}: ${msg}`);
  }
  const segments = recordsPath === undefined ? [] : parsePath(recordsPath).map(String);
  const recordsJpath = segments.join(".");
  const lists = new Set((options?.lists ?? []).map((path) => `${recordsJpath}.${path}`));
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    textNodeName: "#text",
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Levels above a record, then the record's own levels: settings.limits.maxDepth.
    maxNestedTags: segments.length + maxDepth,
    isArray: (_name, jpath, _leaf, attribute) =>
      attribute !== true && (jpath === recordsJpath || lists.has(String(jpath))),
    tagValueProcessor: (_name, value) => decodeXmlText(value),
    attributeValueProcessor: (_name, value) => decodeXmlText(value),
  });
  let body: unknown;
  try {
    body = parser.parse(withCdataEscaped(text));
  } catch (error) {
    throw fail(`the XML body cannot be read (${(error as Error).message})`, error);
  }
  if (segments.length === 0) {
    throw fail(
      "an XML response needs input.records, the path of the repeated record element (e.g. Envelope.Items.Item)",
    );
  }
  const selected = readPath(body, segments);
  if (selected === undefined) {
    const parent = readPath(body, segments.slice(0, -1));
    if (parent !== undefined) return { body, records: [], failures: new Map() };
    throw new CannectorsError(
      ErrorCodes.RECORDS_NOT_FOUND,
      `${where}: records path "${recordsPath}" is not in the document`,
      {
        details: { recordsPath },
      },
    );
  }
  const failures = new Map<number, RecordFailure>();
  const records = (selected as unknown[]).map((element, index): JsonRecord => {
    if (isPlainObject(element)) return element;
    if (typeof element === "string") return element === "" ? {} : { "#text": element };
    failures.set(index, { reason: `record ${index} of ${where} is not an element`, source: stringifyJson(element) });
    return {};
  });
  return { body, records, failures };
}
