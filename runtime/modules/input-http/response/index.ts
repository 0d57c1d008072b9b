import type { HttpInput } from "../../../artifact/index.js";
import type { HttpResponse } from "../../../net/types.js";
import { type PageBody, readJsonPage } from "./json.js";

export type { PageBody } from "./json.js";

type Format = "json" | "csv" | "xml";

/** The Accept header a format asks for; JSON when the format comes from the response. */
export function acceptHeader(format: Format | undefined): string {
  if (format === "csv") return "text/csv";
  if (format === "xml") return "application/xml, text/xml;q=0.9";
  return "application/json";
}

/** The configured format, else the one the Content-Type names (text/csv, `*\/xml`, `*+xml`), else JSON. */
export function pageFormat(configured: Format | undefined, contentType: string | undefined): Format {
  if (configured !== undefined) return configured;
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "text/csv" || type === "application/csv") return "csv";
  if (type.endsWith("/xml") || type.endsWith("+xml")) return "xml";
  return "json";
}

/**
 * Decodes one page into its body and records, as the input's `response` settings say. The CSV and
 * XML decoders (and their parsers) load on the first page that needs them: every run pays for
 * JSON only, which keeps them off the start-up of the common case.
 */
export function readPage(
  response: HttpResponse,
  spec: HttpInput,
  where: string,
  maxDepth: number,
): PageBody | Promise<PageBody> {
  const format = pageFormat(spec.response?.format, response.headers["content-type"]);
  if (format === "csv") return import("./csv.js").then((csv) => csv.readCsvPage(response, spec.response?.csv, where));
  if (format === "xml")
    return import("./xml.js").then((xml) =>
      xml.readXmlPage(response, spec.records, spec.response?.xml, where, maxDepth),
    );
  return readJsonPage(response, spec.records, where, maxDepth);
}
