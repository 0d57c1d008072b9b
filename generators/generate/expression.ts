import { CONFIDENCE } from "../scaffold/plan.js";
import { type FieldRecord, pairEnumValues } from "../suggest/index.js";
import { mayBeAbsent } from "./expression-fields.js";
import { reviewNote } from "./expression-review.js";
import { convertSteps, KNOWN_STEPS } from "./expression-steps.js";
import { fitTarget, timeStepFor } from "./target-fit.js";

/**
 * The TypeScript expression (over the source record `r`) that fills a target field from a
 * suggested source and conversion, using the DSL's typed helpers so the lowering knows them.
 */
export interface ExpressionInput {
  source: string | string[];
  conversion: string;
  sourceFields: ReadonlyMap<string, FieldRecord>;
  target: FieldRecord;
  /** Registers a module-level lookup table and returns its name. */
  table(name: string, entries: Record<string, string | null>): string;
}

/** `a.b[].c` → `r.a?.b?.[0]?.c`: optional steps use `?.`, an array of objects yields its first item. */
export function accessor(path: string, fields: ReadonlyMap<string, FieldRecord>): string {
  const segments = path.split(".");
  let out = "r";
  let prefix = "";
  segments.forEach((segment, i) => {
    const name = segment.replace(/\[\]$/, "");
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
    const parentOptional = i > 0 && out !== "r" && isOptional(prefix, fields);
    out += parentOptional ? (key.startsWith(".") ? `?${key}` : `?.${key}`) : key;
    prefix = prefix ? `${prefix}.${segment}` : segment;
    // Whether the array itself may be absent is not in the field records (only its items' leaves
    // are): `?.[0]` is right either way, and `[0]` fails to type-check when it is optional.
    if (segment.endsWith("[]") && i < segments.length - 1) out += "?.[0]";
  });
  return out;
}

function isOptional(prefix: string, fields: ReadonlyMap<string, FieldRecord>): boolean {
  const field = fields.get(prefix);
  // A parent object is not itself a leaf record: treat it as optional unless a required leaf says otherwise.
  if (!field) return true;
  return !field.required || field.nullable === true;
}

/**
 * What `expressionFor` wrote. `needsReview`: the code is a start, not the conversion the suggestion
 * says is needed, so the plan keeps it under review whatever its confidence (the note says why).
 */
export interface WrittenExpression {
  expression: string;
  note?: string;
  needsReview?: boolean;
  /** The code cannot type-check until a person completes it (a lookup skeleton with values still null). */
  incomplete?: boolean;
}

/** Under review, never plain code, whatever the suggester's confidence: the review comment says what is missing. */
export const REVIEW_CEILING = Math.floor(CONFIDENCE.accept * 100 - 1) / 100;

/** Below review: code that cannot compile yet is listed as a candidate (or a `todo()`), never written as code. */
export const SKETCH_CEILING = Math.floor(CONFIDENCE.review * 100 - 1) / 100;

export function plannedConfidence(confidence: number, written: WrittenExpression): number {
  if (written.incomplete) return Math.min(confidence, SKETCH_CEILING);
  return written.needsReview ? Math.min(confidence, REVIEW_CEILING) : confidence;
}

/** `undefined` when the candidate cannot be written as code (an enum map with no value in common). */
export function expressionFor(input: ExpressionInput): WrittenExpression | undefined {
  const { target, sourceFields } = input;
  const sources = Array.isArray(input.source) ? input.source : [input.source];
  const first = sources[0]!;
  const steps = input.conversion.split("+");
  const unknown = steps.filter((s) => !KNOWN_STEPS.has(s));
  if (unknown.length > 0) {
    const written = expressionFor({
      ...input,
      conversion: steps.filter((s) => KNOWN_STEPS.has(s)).join("+") || "none",
    });
    return written && withReview(written, reviewNote(unknown.join("+"), "not known to the generator", target));
  }
  if (steps.includes("concat") || steps.includes("template") || sources.length > 1) {
    const parts = sources.map((s) => `\${${accessor(s, sourceFields)} ?? ""}`);
    const expression = `\`${parts.join(" ")}\``;
    if (!steps.includes("template")) return { expression };
    return withReview(
      { expression },
      reviewNote("template", "the text's layout is a guess: words joined by spaces", target),
    );
  }
  if (steps.includes("enum_map")) {
    const written = enumMap(input, first);
    if (!written || !steps.includes("negate")) return written;
    return withReview(written, reviewNote("negate", "the lookup table must also flip the sign", target));
  }
  const value = accessor(first, sourceFields);
  const fitted = withTimeStep(steps, sourceFields.get(first), target);
  return fitTarget(input, first, value, fitted, convertSteps(fitted, { value, source: first, sourceFields, target }));
}

/**
 * A date target read from a Microsoft JSON date, a date-time, a date or Unix seconds gets the
 * conversion the two formats name, whatever time step (or none) the suggestion said.
 */
function withTimeStep(steps: readonly string[], source: FieldRecord | undefined, target: FieldRecord): string[] {
  const needed = timeStepFor(source, target);
  if (!needed) return [...steps];
  const proper = (s: string) =>
    s === "none" || s === "cast" || s === "first_item" || s.includes("date") || s.includes("unix");
  if (!steps.every((s) => proper(s) || s === "uppercase" || s === "lowercase")) return [...steps];
  return [...steps.filter((s) => s === "first_item"), needed];
}

function withReview(written: WrittenExpression, note: string): WrittenExpression {
  return { ...written, note: written.note ? `${written.note}; ${note}` : note, needsReview: true };
}

function enumMap(input: ExpressionInput, first: string): WrittenExpression | undefined {
  const { target, sourceFields } = input;
  const value = accessor(first, sourceFields);
  const sourceValues = sourceFields.get(first)?.enum ?? [];
  const targetValues = target.enum ?? [];
  if (sourceValues.length === 0 || targetValues.length === 0) return undefined;
  // A skeleton: every source value a key, null where the values do not say which target value it is.
  const entries = pairEnumValues(sourceValues, targetValues);
  const name = input.table(
    `${target.path.replace(/\W+/g, "_").toUpperCase()}_BY_${first.replace(/\W+/g, "_").toUpperCase()}`,
    entries,
  );
  const unmapped = Object.keys(entries).filter((s) => entries[s] === null);
  const expression = `lookup(${name}, ${mayBeAbsent(first, sourceFields) ? `${value} ?? ""` : value})`;
  if (unmapped.length === 0) return { expression };
  const note = `no target value for ${unmapped.join(", ")}: complete ${name}`;
  // A null in the table types the lookup as possibly null, which no enum field accepts: a skeleton to
  // complete, offered as a candidate, never as code that `check` would refuse.
  return { expression, note, needsReview: true, incomplete: true };
}
