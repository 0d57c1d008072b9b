import { type FieldRecord, pairEnumValues } from "../suggest/index.js";
import type { ExpressionInput, WrittenExpression } from "./expression.js";
import { baseType, mayBeAbsent } from "./expression-fields.js";

/**
 * What a target field's declared values and formats ask of the code written for it. A copy that
 * type-checks can still send what the target refuses (a free text into an enum, a name into a
 * `format: uuid`, `/Date(1546128000000+0000)/` into a `format: date`); and `r.label?.name` on
 * `string | {name}` type-checks nowhere. Each becomes the conversion the formats name, or a sketch
 * the developer completes (never code `check` would pass while the target refuses every record).
 */

/** The time step a date or date-time target needs, read from the two fields when the suggestion named none. */
export function timeStepFor(source: FieldRecord | undefined, target: FieldRecord): string | undefined {
  if (!source || (target.format !== "date" && target.format !== "date-time")) return undefined;
  const toDate = target.format === "date";
  if (source.msDate) return toDate ? "msdate_to_date" : "msdate_to_datetime";
  const type = baseType(source.type);
  if (type === "string" && source.format === "date-time" && toDate) return "datetime_to_date";
  if (type === "string" && source.format === "date" && !toDate) return "date_to_datetime";
  if ((type === "integer" || type === "number") && looksUnix(source))
    return toDate ? "unix_to_date" : "unix_to_iso_datetime";
  return undefined;
}

function looksUnix(field: FieldRecord): boolean {
  const said = `${field.path} ${field.description ?? ""} ${field.format ?? ""}`.toLowerCase();
  return /unix|epoch|timestamp|seconds since|(^|[._])(created|updated|modified)(_at|_on|_time)?( |$)|_at( |$)/.test(
    said,
  );
}

/**
 * `written` as it is when it fits the target, else a sketch: `value` is the source's accessor.
 * Only single-source copies and conversions come here (a text joined from several is free text).
 */
export function fitTarget(
  input: ExpressionInput,
  first: string,
  value: string,
  steps: readonly string[],
  written: WrittenExpression,
): WrittenExpression {
  const { target, sourceFields } = input;
  const source = sourceFields.get(first);
  const sketch = (note: string): WrittenExpression => ({
    ...written,
    note: written.note ? `${written.note}; ${note}` : note,
    needsReview: true,
    incomplete: true,
  });
  if (source?.unionParent !== undefined)
    return sketch(
      `${source.unionParent} may be a plain value or an object: read ${first} from the object form only, the plain value otherwise`,
    );
  const misfit = shapeMisfit(first, source, target, steps);
  if (misfit) return sketch(misfit);
  const targetValues = target.enum ?? [];
  if (targetValues.length > 0 && !steps.includes("enum_map")) {
    const values = source?.enum ?? [];
    const fits = values.length > 0 && values.every((v) => targetValues.includes(v));
    return fits ? written : enumSkeleton(input, first, value, values);
  }
  if (target.format === "uuid" && !mayBeUuid(first, source))
    return sketch(
      `${target.path} takes a UUID and ${first} is not declared as one: look the record up, or leave it out`,
    );
  return written;
}

/** Steps that turn one shape into another (a text into a list, a list into a text, a list into its first item). */
const RESHAPING = new Set(["wrap_array", "split_list", "join", "first_item"]);

/**
 * A list written from one value, or a text or number from an object or a list, type-checks nowhere
 * (`tags: r.labels?.[0]?.name` into `string[]`, `name: r.names ?? ""` with `names` a map): a sketch
 * saying what the target wants, unless a step of the suggestion reshapes the value.
 */
function shapeMisfit(
  first: string,
  source: FieldRecord | undefined,
  target: FieldRecord,
  steps: readonly string[],
): string | undefined {
  if (!source || steps.some((s) => RESHAPING.has(s))) return undefined;
  const from = kindOf(source.type);
  const to = kindOf(target.type);
  if (from === "any" || to === "any" || from === to) return undefined;
  if (to === "array")
    return `${target.path} is a list and ${first} is one ${source.type} value${first.includes("[].") ? " (of the first item only)" : ""}: build the list from every item, or leave it out`;
  if (to === "scalar")
    return `${target.path} takes one ${target.type} value and ${first} is ${from === "array" ? "a list" : "an object"}: pick the part that fills it`;
  return `${target.path} is an object and ${first} a ${source.type}: build the object, or leave it out`;
}

function kindOf(type: string): "scalar" | "array" | "object" | "any" {
  // `array<string|number>`: the union is the items', not the field's.
  if (type.startsWith("array")) return "array";
  const base = baseType(type);
  if (base === "object") return "object";
  return base === "any" || base === "" ? "any" : "scalar";
}

/**
 * A lookup table keyed by the source's values (when it declares them; else the target's own, the
 * guess that the texts are the same) to the target's: the developer completes it, so it stays a sketch.
 */
/** Declared a UUID, said to be one, or a text identifier (`company_id`) that may well be; never a number. */
function mayBeUuid(path: string, source: FieldRecord | undefined): boolean {
  if (source?.format === "uuid" || /uuid|guid/i.test(`${path} ${source?.description ?? ""}`)) return true;
  return baseType(source?.type ?? "") === "string" && /(^|[._])id$|[a-z]Id$|ID$/.test(path) && !source?.format;
}

function enumSkeleton(
  input: ExpressionInput,
  first: string,
  value: string,
  sourceValues: readonly unknown[],
): WrittenExpression {
  const { target, sourceFields } = input;
  const targetValues = target.enum ?? [];
  const entries = pairEnumValues(sourceValues.length > 0 ? sourceValues : targetValues, targetValues);
  const name = input.table(
    `${target.path.replace(/\W+/g, "_").toUpperCase()}_BY_${first.replace(/\W+/g, "_").toUpperCase()}`,
    entries,
  );
  const shown = targetValues
    .slice(0, 8)
    .map((v) => JSON.stringify(v))
    .join(", ");
  const more = targetValues.length > 8 ? ` and ${targetValues.length - 8} more` : "";
  return {
    expression: `lookup(${name}, ${mayBeAbsent(first, sourceFields) ? `${value} ?? ""` : value})`,
    note: `${target.path} takes only ${shown}${more}: complete ${name} with every value ${first} can hold`,
    needsReview: true,
    incomplete: true,
  };
}
