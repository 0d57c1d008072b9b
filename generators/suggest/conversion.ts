/**
 * Which conversion turns a source value into a target value, and how compatible the two are at all.
 * Conversion names follow the mapping dataset's vocabulary (none, cast, first_item, unix_to_iso_datetime,
 * minor_to_major, enum_map, id_lookup, ...); chained steps are joined with `+`.
 */
import { presentationSteps } from "./presentation.js";
import type { FieldProfile, ValueKind } from "./profile.js";

export interface ConversionGuess {
  conversion: string;
  /** 1 = values fit as they are; near 0 = this source could not plausibly fill this target. */
  compatibility: number;
  reasons: string[];
}

const SCALAR_CAST: Partial<Record<`${ValueKind}>${ValueKind}`, number>> = {
  "integer>number": 0.95,
  "number>integer": 0.8,
  "integer>string": 0.75,
  "number>string": 0.7,
  "string>integer": 0.65,
  "string>number": 0.7,
  "boolean>string": 0.45,
  "string>boolean": 0.4,
  "integer>boolean": 0.3,
  "boolean>integer": 0.3,
  "array>string": 0.5,
  "string>array": 0.5,
};

function timeConversion(source: FieldProfile, target: FieldProfile): ConversionGuess | undefined {
  const from = source.time;
  const to = target.time;
  if (from === undefined || to === undefined) return undefined;
  if (from === to) return { conversion: "none", compatibility: 1, reasons: [`both ${from}`] };
  const names: Record<string, string> = {
    "unix>datetime": "unix_to_iso_datetime",
    "unix>date": "unix_to_date",
    "datetime>date": "datetime_to_date",
    "date>datetime": "date_to_datetime",
    "datetime>unix": "iso_datetime_to_unix",
    "date>unix": "date_to_unix",
  };
  const name = names[`${from}>${to}`];
  return name ? { conversion: name, compatibility: 0.95, reasons: [`${from} → ${to}`] } : undefined;
}

function moneyConversion(source: FieldProfile, target: FieldProfile): ConversionGuess | undefined {
  if (source.minorUnits && !target.minorUnits && (target.kind === "number" || target.kind === "string")) {
    return { conversion: "minor_to_major", compatibility: 0.9, reasons: ["minor units → decimal amount"] };
  }
  if (target.minorUnits && !source.minorUnits && (source.kind === "number" || source.kind === "string")) {
    if (/milliunit/i.test(target.field.description ?? "")) {
      return { conversion: "major_to_milliunits", compatibility: 0.9, reasons: ["decimal amount → milliunits"] };
    }
    return { conversion: "major_to_minor", compatibility: 0.9, reasons: ["decimal amount → minor units"] };
  }
  return undefined;
}

function enumConversion(source: FieldProfile, target: FieldProfile): ConversionGuess | undefined {
  const s = source.enumValues;
  const t = target.enumValues;
  if (s.size > 0 && t.size > 0) {
    const same = [...t].every((v) => s.has(v)) && [...s].every((v) => t.has(v));
    if (same) return { conversion: "none", compatibility: 1, reasons: ["same enum values"] };
    return { conversion: "enum_map", compatibility: 0.8, reasons: ["enum → enum lookup table"] };
  }
  if ((s.size > 0 && target.kind === "boolean") || (t.size > 0 && source.kind === "boolean")) {
    return { conversion: "enum_map", compatibility: 0.7, reasons: ["enum ↔ boolean lookup"] };
  }
  return undefined;
}

/** Both name an identifier of some other entity (`company_id` → `account_id`): a cross-reference. */
function isForeignId(profile: FieldProfile): boolean {
  const leaf = profile.leaf;
  return leaf.length > 1 && leaf[leaf.length - 1] === "identifier";
}

function baseConversion(source: FieldProfile, target: FieldProfile): ConversionGuess {
  const time = timeConversion(source, target);
  if (time) return time;
  const money = moneyConversion(source, target);
  if (money) return money;
  const enums = enumConversion(source, target);
  if (enums) return enums;
  if (isForeignId(source) && isForeignId(target)) {
    return { conversion: "id_lookup", compatibility: 0.85, reasons: ["identifier of a related entity"] };
  }
  if (source.kind === target.kind || source.kind === "any" || target.kind === "any") {
    const fit = source.kind === "object" ? 0.6 : 1;
    return { conversion: "none", compatibility: fit, reasons: [] };
  }
  if (source.kind === "object" || target.kind === "object") {
    return { conversion: "extract", compatibility: 0.15, reasons: ["object ↔ scalar"] };
  }
  const numeric = (p: FieldProfile) => p.kind === "number" || p.kind === "integer";
  const exact = (source.numericText && numeric(target)) || (target.numericText && numeric(source));
  const cast = exact ? 0.95 : (SCALAR_CAST[`${source.kind}>${target.kind}`] ?? 0.2);
  const name = source.kind === "array" ? "join" : target.kind === "array" ? "split_list" : "cast";
  return { conversion: name, compatibility: cast, reasons: [`${source.kind} → ${target.kind}`] };
}

/** `labels[].name` → `tags[]`: a field of each element fills each element of an array of scalars. */
function isElementwise(source: FieldProfile, target: FieldProfile): boolean {
  return source.inArray && source.kind !== "array" && target.kind === "array" && target.elementKind !== "array";
}

/** How many comments there are is no comment: a count fills a count, an integer or a number only. */
function countClash(source: FieldProfile, target: FieldProfile): boolean {
  return (
    source.count !== target.count &&
    source.kind !== target.kind &&
    (source.kind === "string" || target.kind === "string")
  );
}

/**
 * Concepts that measure something: a measure is filled by a measure (or a bare value), never by what a
 * name calls a thing (`owner_id` for `ownerPercent`), and a key is never filled by a measure.
 */
const MEASURES = new Set([
  "percent",
  "percentage",
  "amount",
  "price",
  "rate",
  "ratio",
  "quantity",
  "total",
  "balance",
  "count",
]);
// A bare value, or a word for how it is written (`unit_amount_decimal`), names no other thing.
const NEUTRAL = new Set(["value", "number", "sum", "decimal", "float", "double", "int", "integer", "string", "text"]);
const headOf = (p: FieldProfile) => p.leaf[p.leaf.length - 1] ?? "";
function keyMeasureClash(source: FieldProfile, target: FieldProfile): boolean {
  const [s, t] = [headOf(source), headOf(target)];
  if (MEASURES.has(t)) return !MEASURES.has(s) && !NEUTRAL.has(s) && s !== t;
  return MEASURES.has(s) && t === "identifier";
}

export function detectConversion(source: FieldProfile, target: FieldProfile): ConversionGuess {
  const guess = withPresentation(convert(source, target), source, target);
  if (keyMeasureClash(source, target)) {
    return {
      ...guess,
      compatibility: guess.compatibility * 0.25,
      reasons: [...guess.reasons, "a measure, filled by no measure"],
    };
  }
  if (!countClash(source, target)) return guess;
  return {
    ...guess,
    compatibility: guess.compatibility * 0.25,
    reasons: [...guess.reasons, "a count, not the things counted"],
  };
}

/** Appends the re-writing steps (case, layout, sign) after the conversion proper: `first_item+format`. */
function withPresentation(guess: ConversionGuess, source: FieldProfile, target: FieldProfile): ConversionGuess {
  // A lookup table already writes the target's own values.
  const steps = presentationSteps(source, target).filter(
    (step) => !guess.conversion.includes("enum_map") || step === "negate",
  );
  if (steps.length === 0) return guess;
  const chain = guess.conversion === "none" ? steps : [guess.conversion, ...steps];
  return { ...guess, conversion: chain.join("+"), reasons: [...guess.reasons, ...steps] };
}

function convert(source: FieldProfile, target: FieldProfile): ConversionGuess {
  if (isElementwise(source, target)) {
    const each = baseConversion(source, { ...target, kind: target.elementKind });
    return { ...each, reasons: ["element by element", ...each.reasons] };
  }
  const base = baseConversion(source, target);
  // An array element feeding a scalar means picking one element first.
  if (source.inArray && !target.inArray) {
    const chained = base.conversion === "none" ? "first_item" : `first_item+${base.conversion}`;
    return {
      conversion: chained,
      compatibility: base.compatibility * 0.9,
      reasons: ["first array item", ...base.reasons],
    };
  }
  return base;
}
