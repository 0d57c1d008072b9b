/**
 * Everything the suggester needs to know about one field, computed once per field rather than once
 * per (source, target) pair, which is what keeps a 200 × 200 pair well under a second.
 */
import type { FieldRecord } from "./field-record.js";
import { relatedWords } from "./lexicon/lexicon.js";
import { toConcepts } from "./synonyms.js";
import { splitWords, stem, tokenize } from "./tokens.js";

export type ValueKind = "string" | "integer" | "number" | "boolean" | "object" | "array" | "any";
export type TimeKind = "unix" | "datetime" | "date" | undefined;

export interface FieldProfile {
  field: FieldRecord;
  /** The path the field is read as: its own, or its flattened object's (`customer_email` → `customer.email`). */
  readingPath: string;
  /** Concepts of the last path segment. */
  leaf: string[];
  /** Concepts of the segments above the leaf. */
  parent: string[];
  /** Concepts of the segment right above the leaf (`phone_numbers` in `phone_numbers[].number`). */
  parentTail: string[];
  /**
   * The leaf read with its immediate parent: `emails[].address` is an email address. A leaf that only
   * repeats its parent (`emails[].email`, `phone_numbers[].number`) means what the parent says.
   */
  context: string[];
  /** A number written as a string (`format: decimal`): a cast to a number loses nothing. */
  numericText: boolean;
  /** Concepts the name implies without saying them: a `city` is part of an address. */
  implied: string[];
  /** The leaf only stands in for its parent (`emails[].email`): the context is the field's meaning. */
  standsIn: boolean;
  /** An integer counting things named by a plural (`comments`, `followers`): not the things themselves. */
  count: boolean;
  /** Leaf name with separators removed, for character-level similarity. */
  leafText: string;
  /** Stemmed words of the leaf name, to look up in the other side's description. */
  leafWords: string[];
  /** For each leaf word, the words a description may use for it (WordNet forms, synonyms, derivations). */
  leafSenses: string[][];
  /** Words of the description, or of the path when the field has none. */
  descriptionWords: Set<string>;
  kind: ValueKind;
  /** The field sits inside an array of objects or is an array of scalars. */
  inArray: boolean;
  /** What one element holds, for an array of scalars (`tags[]` of type `array<string>`); else the kind. */
  elementKind: ValueKind;
  time: TimeKind;
  /** Amount in integer minor units (cents) according to its description or format. */
  minorUnits: boolean;
  enumValues: Set<string>;
  depth: number;
  /** The path names a non-default variant: a `workAddress`, a `secondary_email` (see SECONDARY). */
  secondary: boolean;
  /**
   * As a target: a value the receiving system sets itself, the record's (or a sub-record's) own key and
   * its creation or modification time. A record sent elsewhere takes neither from its origin.
   */
  systemAssigned: boolean;
}

/**
 * Qualifiers of the variants that are not the default one. When a source has a single, unqualified
 * address or phone, it fills the default variant (home, primary, main) and leaves these to the user.
 */
const SECONDARY = new Set([
  "work",
  "office",
  "business",
  "secondary",
  "other",
  "alternate",
  "alternative",
  "additional",
]);

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

function elementKind(type: string): ValueKind {
  const inner = /^array<(.+)>$/.exec(type)?.[1];
  return inner === undefined ? valueKind(type) : valueKind(inner);
}

/** Leaves that hold the value or the handle of their parent object: `amount.value`, `assignee.login`. */
const STAND_IN_LEAVES = new Set(["value", "login", "handle", "username"]);

function standsIn(tailWords: readonly string[], leafWords: readonly string[], inList: boolean): boolean {
  if (tailWords.length === 0) return false;
  const tail = new Set(tailWords);
  const only = leafWords.length === 1 ? (leafWords[0] as string) : undefined;
  // The name of a list element is what a list of strings holds: `labels[].name` for `tags[]`.
  if (only !== undefined && (STAND_IN_LEAVES.has(only) || (inList && only === "name"))) return true;
  return leafWords.every((w) => tail.has(w));
}

function readInContext(tailWords: readonly string[], leafWords: readonly string[], inList: boolean): string[] {
  if (standsIn(tailWords, leafWords, inList)) return toConcepts(tailWords);
  return [...toConcepts(tailWords), ...toConcepts(leafWords)];
}

/** The parts of a postal address: `country` alone says as much about an address as `address.country`. */
const ADDRESS_PARTS = new Set(["city", "state", "country", "postcode", "county", "line1", "line2", "line3", "street"]);

function implied(leaf: readonly string[]): string[] {
  return leaf.some((c) => ADDRESS_PARTS.has(c)) ? ["address"] : [];
}

function isCount(field: FieldRecord, leafSegment: string): boolean {
  if (field.type !== "integer") return false;
  const words = splitWords(leafSegment);
  const last = words[words.length - 1] ?? "";
  return last === "count" || words[0] === "num" || (last.length > 3 && stem(last) !== last);
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

function isMinorUnits(field: FieldRecord, leafWords: readonly string[]): boolean {
  if (field.type !== "integer") return false;
  if (MINOR_UNIT_WORDS.has(leafWords[leafWords.length - 1] ?? "")) return true;
  const text = `${field.description ?? ""} ${field.format ?? ""}`.toLowerCase();
  return /smallest currency unit|minor unit|in cents|\bcents\b|base unit|milliunit/.test(text);
}

/** A name ending in a unit says how the value is written, not what it is: `balance_cents` is a balance. */
const MINOR_UNIT_WORDS = new Set(["cent", "pence", "penny", "minor"]);
const UNIT_WORDS = new Set([
  ...MINOR_UNIT_WORDS,
  "second",
  "sec",
  "millisecond",
  "ms",
  "minute",
  "hour",
  "gram",
  "kg",
  "kilogram",
  "lb",
  "meter",
  "metre",
  "cm",
  "mm",
]);

/** The leaf's words without a trailing unit (when something else names the value). */
function withoutUnit(words: readonly string[]): string[] {
  return words.length > 1 && UNIT_WORDS.has(words[words.length - 1] as string) ? words.slice(0, -1) : [...words];
}

/**
 * Objects that only wrap a payload (JSON:API `data`, `attributes` and `relationships`, a list's `data`,
 * GraphQL `edges` and `node`): they say nothing about what the fields inside are, so they are no parent object.
 */
const ENVELOPES = new Set(["data", "attribute", "relationship", "edge", "node", "payload"]);

/**
 * Words that only say "a list of": `LineItems` are lines, `order_entries` an order's lines. Dropped from a
 * parent's name when another word carries its meaning, so that `item` does not read as a product.
 */
const COLLECTION_WORDS = new Set(["item", "entry", "list", "collection"]);

function parentWords(segment: string): string[] {
  const words = tokenize(segment);
  const meaningful = words.filter((w) => !COLLECTION_WORDS.has(w));
  return meaningful.length > 0 ? meaningful : words;
}

function isEnvelope(segment: string): boolean {
  const words = tokenize(segment);
  return words.length === 1 && ENVELOPES.has(words[0] as string);
}

/** Words of a record's lifecycle stamps: `created`, `updated_at`, `lastModifiedDate`, `edited_on`. */
const LIFECYCLE = new Set([
  "created",
  "create",
  "creation",
  "updated",
  "update",
  "modified",
  "modify",
  "edited",
  "changed",
]);
const STAMP = new Set(["at", "on", "date", "time", "timestamp", "datetime", "last", "when"]);

function isSystemAssigned(leafWords: readonly string[], leafConcepts: readonly string[], time: TimeKind): boolean {
  if (leafConcepts.length === 1 && leafConcepts[0] === "identifier") return true;
  const stamp = leafWords.some((w) => LIFECYCLE.has(w)) && leafWords.every((w) => LIFECYCLE.has(w) || STAMP.has(w));
  return stamp && time !== undefined;
}

export function profileField(field: FieldRecord, readingPath = field.path): FieldProfile {
  const segments = readingPath.split(".");
  const leafSegment = segments[segments.length - 1] ?? "";
  const allLeafWords = tokenize(leafSegment);
  const leafWords = withoutUnit(allLeafWords);
  const inList = segments.length > 1 && (segments[segments.length - 2] as string).endsWith("[]");
  const parents = segments.slice(0, -1).filter((s) => !isEnvelope(s));
  const tailSegment = parents[parents.length - 1] ?? "";
  const tailWords = parentWords(tailSegment);
  const meaningful = [...new Set(leafWords.filter((w) => w.length > 1 && !STOPWORDS.has(w)))];
  return {
    field,
    readingPath,
    // An expandable field holds the id of the object it names (Stripe's `customer`).
    leaf: field.expandable && !leafWords.includes("id") ? toConcepts([...leafWords, "id"]) : toConcepts(leafWords),
    parent: parents.flatMap((s) => toConcepts(parentWords(s))),
    parentTail: toConcepts(tailWords),
    context: readInContext(tailWords, leafWords, inList),
    standsIn: standsIn(tailWords, leafWords, inList),
    implied: implied(toConcepts(leafWords)),
    numericText:
      field.type === "string" &&
      (/^(decimal|number|double|float|int32|int64|integer)$/i.test(field.format ?? "") ||
        /\b(decimal|numeric) string\b/i.test(field.description ?? "")),
    // `amount_cents` counts no cents: a trailing unit only says how the amount is written.
    count: allLeafWords.length === leafWords.length && isCount(field, leafSegment),
    leafText: splitWords(leafSegment).join(""),
    leafWords: meaningful,
    leafSenses: meaningful.map(relatedWords),
    // A field without a description is described by its name: many APIs describe nothing, and an absent
    // description read as "nothing in common" held their true matches down (dev-fitted weights on dev2).
    descriptionWords: describeWords(field.description || field.path),
    kind: valueKind(field.type),
    inArray: field.path.includes("[]"),
    elementKind: elementKind(field.type),
    time: timeKind(field, leafWords),
    minorUnits: isMinorUnits(field, allLeafWords),
    enumValues: new Set((field.enum ?? []).map((v) => String(v).toLowerCase())),
    depth: segments.length,
    secondary: segments.some((segment) => splitWords(segment).some((w) => SECONDARY.has(w))),
    systemAssigned: isSystemAssigned(splitWords(leafSegment), toConcepts(leafWords), timeKind(field, leafWords)),
  };
}
