import type { FieldRecord } from "../suggest/index.js";
import type { WrittenExpression } from "./expression.js";
import { baseType, mayBeAbsent, ZERO } from "./expression-fields.js";
import { reviewNote } from "./expression-review.js";

/** Steps that re-write a value after the conversion proper (see the suggester's presentation steps). */
const PRESENTATION = new Set(["negate", "uppercase", "lowercase", "format"]);

/** Steps whose value cannot be inferred from the specs: the copy stays, with what it still needs. */
const BY_HAND: Record<string, (source: string, target: string) => string> = {
  format: () => "the target's layout differs from the source's",
  extract: (source, target) => `take the part of ${source} that fills ${target}`,
  id_lookup: (source) => `${source} names a related record: translate it to the target's identifier`,
  country_code: () => "normalise the country (name ↔ ISO code) with a lookup table",
  unit_convert: () => "convert the unit: the factor is not in the specs",
};

const TIME: Record<string, (value: string) => string> = {
  unix_to_iso_datetime: (v) => `date.format(date.fromUnix(${v}), "iso")`,
  unix_to_date: (v) => `date.format(date.fromUnix(${v}), "yyyy-MM-dd")`,
  datetime_to_date: (v) => `date.format(date.parse(${v}, "iso"), "yyyy-MM-dd")`,
  date_to_datetime: (v) => `date.format(date.parse(${v}, "yyyy-MM-dd"), "iso")`,
  iso_datetime_to_unix: (v) => `date.toUnix(date.parse(${v}, "iso"))`,
  date_to_unix: (v) => `date.toUnix(date.parse(${v}, "yyyy-MM-dd"))`,
  msdate_to_date: (v) => `date.format(date.parse(${v}, "msjson"), "yyyy-MM-dd")`,
  msdate_to_datetime: (v) => `date.format(date.parse(${v}, "msjson"), "iso")`,
};

const STRUCTURAL = [
  "none",
  "first_item",
  "cast",
  "enum_map",
  "concat",
  "template",
  "split",
  "join",
  "split_list",
  "wrap_array",
];
const MONEY = ["major_to_minor", "minor_to_major", "major_to_milliunits"];

/** Every step of the mapping vocabulary (and the suggester's time steps) the generator writes code for. */
export const KNOWN_STEPS: ReadonlySet<string> = new Set([
  ...STRUCTURAL,
  ...MONEY,
  ...PRESENTATION,
  ...Object.keys(BY_HAND),
  ...Object.keys(TIME),
]);

export interface StepInput {
  /** The accessor of the (first) source, e.g. `r.amount`. */
  value: string;
  source: string;
  sourceFields: ReadonlyMap<string, FieldRecord>;
  target: FieldRecord;
}

/** `-x` binds tighter than anything but a primary: anything with an operator in it gets parentheses. */
function operand(expr: string): string {
  return /^[\w$.?[\]"]+(\(.*\))?$/.test(expr) && !expr.includes(" ") ? expr : `(${expr})`;
}

const receiver = (expr: string) => (expr.includes("??") ? `(${expr})` : expr);

/** A separator the target's description names, else a guess the developer has to confirm. */
function separatorOf(target: FieldRecord): { separator: string; guessed: boolean } {
  const said = (target.description ?? "").toLowerCase();
  if (/comma[- ]separated|separated by commas?/.test(said)) return { separator: ",", guessed: false };
  if (/semicolon/.test(said)) return { separator: ";", guessed: false };
  if (/space[- ]separated|separated by spaces?/.test(said)) return { separator: " ", guessed: false };
  return { separator: ",", guessed: true };
}

/** Writes a chain of steps (`first_item+minor_to_major+negate`): the conversion proper, then its re-writing. */
export function convertSteps(steps: readonly string[], input: StepInput): WrittenExpression {
  const { target, sourceFields, source } = input;
  const targetType = baseType(target.type);
  const sourceType = baseType(sourceFields.get(source)?.type ?? targetType);
  const absent = mayBeAbsent(source, sourceFields);
  // No list of no items for one value (`tags[].name` into `tags`): that is a misfit, not an absence.
  const zeroOf = (type: string) => (type === "array" && sourceType !== "array" ? undefined : ZERO[type]);
  const withZero = (expr: string, type: string) =>
    absent && zeroOf(type) && !target.nullable && !target.enum ? `${expr} ?? ${zeroOf(type)}` : expr;
  // A copy into an optional target stays absent when the source is: an invented "" or 0 is data the
  // source never had, and a format, an enum or a pattern of the target refuses it.
  // A null the target does not take still needs a value: only an absent one can stay absent.
  const mayBeNull = sourceFields.get(source)?.nullable === true;
  // A required field that takes null (`name: string | null`) gets null, not nothing, for an absent source.
  const copied =
    absent && target.required && target.nullable
      ? `${input.value} ?? null`
      : target.required || mayBeNull
        ? withZero(input.value, targetType)
        : input.value;
  const reviews: string[] = [];
  const review = (step: string, needed: string) => reviews.push(reviewNote(step, needed, target));
  const numericSource = sourceType === "number" || sourceType === "integer";
  // A sign flips on the number, before any step writes it as text (`fromCents(-r.amount)`).
  const flipFirst = steps.includes("negate") && numericSource;
  const value = flipFirst ? `-${operand(withZero(input.value, sourceType))}` : withZero(input.value, targetType);
  const core = steps.find((s) => !PRESENTATION.has(s) && s !== "none" && s !== "first_item");
  // A helper's argument needs its type whatever the target takes (split of an absent text is no words).
  const text = absent ? `${input.value} ?? ""` : input.value;
  const sep = separatorOf(target);
  let expression: string;
  switch (core) {
    case "major_to_minor":
      expression = `cents(${value})`;
      break;
    case "minor_to_major":
      expression = targetType === "string" ? `fromCents(${value})` : `parseNumber(fromCents(${value}))`;
      break;
    case "major_to_milliunits":
      // An integer amount is whole units; a decimal one rounds after scaling (3 decimals are milliunits).
      expression =
        sourceType === "integer"
          ? `${operand(value)} * 1000`
          : `parseInteger(Math.round(parseNumber(${value}) * 1000))`;
      break;
    case "join":
      expression = `join(${absent ? `${input.value} ?? []` : input.value}, ${JSON.stringify(sep.separator)})`;
      if (sep.guessed) review("join", `separator ${JSON.stringify(sep.separator)} guessed`);
      break;
    case "split_list":
      expression = `split(${text}, ${JSON.stringify(sep.separator)})`;
      if (sep.guessed) review("split_list", `separator ${JSON.stringify(sep.separator)} guessed`);
      break;
    case "wrap_array":
      expression = `[${input.value}]`;
      if (absent) review("wrap_array", `an absent ${source} gives a list holding null`);
      break;
    case "split":
      expression = splitPart(input, text, review);
      break;
    case "cast":
    case undefined:
      expression = cast(input, flipFirst ? value : copied, value, sourceType, targetType, core === "cast", review);
      break;
    default: {
      const time = TIME[core];
      if (time) expression = time(timeInput(input, sourceType, absent, review));
      else {
        expression = value;
        review(core, BY_HAND[core]?.(source, target.path) ?? "not known to the generator");
      }
    }
  }
  // `labels[].name` → `tags[]`: the accessor reads the first item only, the target wants every one.
  if (targetType === "array" && source.includes("[].") && core !== "wrap_array" && core !== "split_list") {
    review("element by element", `fill ${target.path} from ${source} of every item, not the first one only`);
  }
  for (const step of steps) {
    if (step === "uppercase") expression = `${receiver(expression)}.toUpperCase()`;
    else if (step === "lowercase") expression = `${receiver(expression)}.toLowerCase()`;
    else if (step === "format") review("format", BY_HAND.format!(source, target.path));
    else if (step === "negate" && !flipFirst) expression = negateWritten(expression, targetType, review);
  }
  return {
    expression,
    ...(reviews.length > 0 ? { note: reviews.join("; ") } : {}),
    ...(reviews.length > 0 ? { needsReview: true } : {}),
  };
}

/** A value that only became a number or a decimal text: flip it in the type the target wants. */
function negateWritten(expression: string, targetType: string, review: (step: string, needed: string) => void): string {
  if (targetType === "number" || targetType === "integer") return `-${operand(expression)}`;
  // Exact on decimal text (no binary floating point); more than two decimals fails the record loudly.
  if (targetType === "string") return `fromCents(-cents(${expression}))`;
  review("negate", `flip the sign of a ${targetType}`);
  return expression;
}

function cast(
  input: StepInput,
  copied: string,
  value: string,
  sourceType: string,
  targetType: string,
  asked: boolean,
  review: (step: string, needed: string) => void,
): string {
  const { target } = input;
  if (target.format === "email" || /(^|_)e?mail$/i.test(target.path)) {
    // `.trim()` needs a text: an absent address is "" (which a format: email refuses loudly), not a type error.
    const absent = mayBeAbsent(input.source, input.sourceFields) && !value.includes("??");
    return `${receiver(absent ? `${input.value} ?? ""` : value)}.trim().toLowerCase()`;
  }
  if (!asked && sourceType === targetType) return copied;
  if (targetType === "string" && sourceType !== "string") return `String(${value})`;
  if ((targetType === "number" || targetType === "integer") && sourceType === "string") return `parseNumber(${value})`;
  if (sourceType === targetType || (targetType === "number" && sourceType === "integer")) return copied;
  review("cast", `${sourceType} → ${targetType}`);
  return value;
}

/** `split` takes one part of a full name: the first word is code, any other part needs a rule. */
function splitPart(input: StepInput, text: string, review: (step: string, needed: string) => void): string {
  if (/(^|_)(first|given|fore)/i.test(input.target.path)) {
    review("split", `the first word of ${input.source}; check names of several words`);
    return `split(${text}, " ")[0] ?? ""`;
  }
  review("split", `take the ${input.target.path} part out of ${input.source}`);
  return input.value;
}

/**
 * The value a time step reads: an absent source has no time to convert, so it fails the record loudly
 * (a dead letter) rather than becoming the epoch or an empty text the target would take as a date.
 */
function timeInput(
  input: StepInput,
  sourceType: string,
  absent: boolean,
  review: (step: string, needed: string) => void,
): string {
  if (!absent) return input.value;
  review("absent", `a record without ${input.source} fails (dead letter) rather than sending an invented date`);
  return sourceType === "string" ? `${input.value} ?? ""` : `parseNumber(${input.value} ?? "")`;
}
