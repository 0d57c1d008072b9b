/**
 * Steps that keep a value but change how it is written: letter case (`usd` → `USD`), layout (a state
 * name for a two-letter code, a free-text phone for a digits-only one, HTML for plain text) and the sign
 * convention of amounts. Read from formats, enums and descriptions, so only what the specs say.
 */
import type { FieldProfile } from "./profile.js";

export type PresentationStep = "uppercase" | "lowercase" | "format" | "negate";

type Case = "upper" | "lower" | undefined;

function letterCase(field: FieldProfile["field"], said: string): Case {
  if (/\b(in |all )?lower ?case\b/.test(said)) return "lower";
  if (/\b(in |all )?upper ?case\b/.test(said)) return "upper";
  const values = [...(field.enum ?? [])].filter((v): v is string => typeof v === "string" && /[a-z]/i.test(v));
  if (values.length === 0) return undefined;
  if (values.every((v) => v === v.toUpperCase())) return "upper";
  if (values.every((v) => v === v.toLowerCase())) return "lower";
  return undefined;
}

/** A layout the target asks for: a fixed number of digits or letters, a date pattern, a short code. */
const LAYOUT =
  /\b\d+-digit\b|\be\.?164\b|\b(two|three|2|3)[- ]letter\b|max(imum)? length:? ?[1-3]\b|\b(mm|dd|yy|ccyy|yyyy)[-/](mm|dd)\b|\bplain text\b/;
const STANDARD_FORMATS = new Set([
  "",
  "date",
  "date-time",
  "email",
  "uri",
  "url",
  "uuid",
  "int32",
  "int64",
  "float",
  "double",
]);

/** Money out written as a positive number is the exception; most ledgers book outflows as negative. */
const OUT_IS_POSITIVE =
  /positive (values? )?(when|for|if|means?) (money|funds)? ?(moves? |goes |going )?out|debits? (are|is) positive|outflows? (are|is) positive/;

/** What one field's spec says about how its values are written, read once per field rather than per pair. */
interface Writing {
  description: string;
  letterCase: Case;
  layout: string | undefined;
  standardFormat: boolean;
  outIsPositive: boolean;
}

const cache = new WeakMap<FieldProfile, Writing>();

function writingOf(p: FieldProfile): Writing {
  let writing = cache.get(p);
  if (writing === undefined) {
    const description = (p.field.description ?? "").toLowerCase();
    writing = {
      description,
      letterCase: letterCase(p.field, description),
      layout: LAYOUT.exec(description)?.[0],
      standardFormat: STANDARD_FORMATS.has((p.field.format ?? "").toLowerCase()),
      outIsPositive: OUT_IS_POSITIVE.test(description),
    };
    cache.set(p, writing);
  }
  return writing;
}

function needsLayout(source: FieldProfile, target: FieldProfile, from: Writing, to: Writing): boolean {
  if (source.time !== undefined && source.time === target.time && !to.standardFormat) return true;
  return to.layout !== undefined && source.kind === "string" && !from.description.includes(to.layout);
}

export function presentationSteps(source: FieldProfile, target: FieldProfile): PresentationStep[] {
  const from = writingOf(source);
  const to = writingOf(target);
  const steps: PresentationStep[] = [];
  if (from.letterCase !== undefined && to.letterCase !== undefined && from.letterCase !== to.letterCase) {
    steps.push(to.letterCase === "upper" ? "uppercase" : "lowercase");
  } else if (needsLayout(source, target, from, to)) steps.push("format");
  const amount = source.kind === "number" || source.kind === "integer";
  if (amount && from.outIsPositive !== to.outIsPositive) steps.push("negate");
  return steps;
}
