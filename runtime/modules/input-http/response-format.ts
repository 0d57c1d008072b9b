import * as z from "zod";
import { FieldPath } from "../../artifact/common.js";

const OneCharacter = z.string().length(1, "expected a single character");

export const CsvOptions = z
  .strictObject({
    delimiter: OneCharacter.default(",").describe("Field separator, e.g. `;` or a tab."),
    quote: OneCharacter.default('"').describe("Quote character; a quote inside a quoted field is written twice."),
  })
  .describe("CSV decoding: the first row names the fields; every value stays a string.");

export const XmlOptions = z
  .strictObject({
    lists: z
      .array(FieldPath)
      .default([])
      .describe(
        "Paths, relative to a record, of elements that are always lists even when one occurs (e.g. Tags.Tag); other repeated elements become lists only when repeated.",
      ),
  })
  .describe("XML decoding: attributes as `@name`, text beside attributes or children as `#text`, values as strings.");

export const ResponseFormat = z
  .strictObject({
    format: z
      .enum(["json", "csv", "xml"])
      .optional()
      .describe("How page bodies are decoded; absent: from the Content-Type (text/csv, */xml or *+xml), else JSON."),
    csv: CsvOptions.optional(),
    xml: XmlOptions.optional(),
  })
  .describe("How the input decodes page bodies into records.");
export type ResponseFormat = z.infer<typeof ResponseFormat>;
export type CsvOptions = z.infer<typeof CsvOptions>;
export type XmlOptions = z.infer<typeof XmlOptions>;
