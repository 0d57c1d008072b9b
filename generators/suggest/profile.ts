/**
 * Everything the suggester needs to know about one field, computed once per field rather than once
 * per (source, target) pair, which is what keeps a 200 × 200 pair well under a second.
 */
import type { FieldRecord } from "./field-record.js";
import { toConcepts } from "./synonyms.js";
import { splitWords, stem, tokenize } from "./tokens.js";

export type ValueKind = "string" | "integer" | "number" | "boolean" | "object" | "array" | "any";
export type TimeKind = "unix" | "datetime" | "date" | undefined;

export interface FieldProfile {
  field: FieldRecord;
  /** Concepts of the last path segment. */
  leaf: string[];
  /** Concepts of the segments above the leaf. */
  parent: string[];
  /** Concepts of the segment right above the leaf (`phone_numbers` in `phone_numbers[].number`). */
  parentTail: string[];
  /** Leaf name with separators removed, for character-level similarity. */
  leafText: string;
  /** Stemmed words of the leaf name, to look up in the other side's description. */
  leafWords: string[];
  descriptionWords: Set<string>;
  kind: ValueKind;
  /** The field sits inside an array of objects or is an array of scalars. */
  inArray: boolean;
  time: TimeKind;
  /** Amount in integer minor units (cents) according to its description or format. */
  minorUnits: boolean;
  enumValues: Set<string>;
  depth: number;
}

const STOPWORDS = new Set(
  "a an the of to in on for by at or and is be as if it its this that with from are was will can which when not any has have may used use e g you your one only".split(
    " ",
  ),
);

function describeWords(text: string): Set<string> {
  return new Set(
    splitWords(text.replace(/\(?https?:\/\/\S+/g, " "))
      .filter((w) => w.length > 1 && !STOPWORDS.has(w) && !/^[0-9]+$/.test(w))
      .map(stem),
  );
}

function valueKind(type: string): ValueKind {
  if (type.includes("|")) return "any";
  if (type.startsWith("array")) return "array";
  if (type === "string" || type === "integer" || type === "number" || type === "boolean" || type === "object")
    return type;
  return "any";
}

function timeKind(field: FieldRecord, leafWords: string[]): TimeKind {
  const format = (field.format ?? "").toLowerCase();
  const description = (field.description ?? "").toLowerCase();
  if (
    format.includes("unix") ||
    format === "timestamp" ||
    /unix epoch|seconds since|unix time|unix timestamp/.test(description)
  )
    return "unix";
  if (format === "date-time" || /\biso.?8601\b.*\btime|date.?time/.test(description)) return "datetime";
  if (format === "date" || format.endsWith("-date") || /yyyy-mm-dd|\bdate\b.*\bformat\b/.test(description))
    return "date";
  const last = leafWords[leafWords.length - 1];
  if (field.type === "string" && (last === "at" || last === "date" || last === "on" || last === "time")) {
    return last === "date" || last === "on" ? "date" : "datetime";
  }
  if (field.type === "integer" && (last === "at" || last === "time")) return "unix";
  return undefined;
}

function isMinorUnits(field: FieldRecord): boolean {
  if (field.type !== "integer") return false;
  const text = `${field.description ?? ""} ${field.format ?? ""}`.toLowerCase();
  return /smallest currency unit|minor unit|in cents|\bcents\b|base unit|milliunit/.test(text);
}

export function profileField(field: FieldRecord): FieldProfile {
  const segments = field.path.split(".");
  const leafSegment = segments[segments.length - 1] ?? "";
  const leafWords = tokenize(leafSegment);
  return {
    field,
    leaf: toConcepts(leafWords),
    parent: segments.slice(0, -1).flatMap((s) => toConcepts(tokenize(s))),
    parentTail: segments.length > 1 ? toConcepts(tokenize(segments[segments.length - 2] ?? "")) : [],
    leafText: splitWords(leafSegment).join(""),
    leafWords: [...new Set(leafWords.filter((w) => w.length > 1 && !STOPWORDS.has(w)))],
    descriptionWords: describeWords(field.description ?? ""),
    kind: valueKind(field.type),
    inArray: field.path.includes("[]"),
    time: timeKind(field, leafWords),
    minorUnits: isMinorUnits(field),
    enumValues: new Set((field.enum ?? []).map((v) => String(v).toLowerCase())),
    depth: segments.length,
  };
}
