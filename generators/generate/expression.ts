import type { FieldRecord } from "../suggest/index.js";

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
  table(name: string, entries: Record<string, string>): string;
}

const ZERO: Record<string, string> = { string: '""', integer: "0", number: "0", boolean: "false" };

function baseType(type: string): string {
  return type.split("|")[0]!.replace(/^array<.*>$/, "array");
}

/** `a.b[].c` → `r.a?.b[0]?.c`: optional steps use `?.`, an array of objects yields its first item. */
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
    if (segment.endsWith("[]") && i < segments.length - 1) out += "[0]";
  });
  return out;
}

function isOptional(prefix: string, fields: ReadonlyMap<string, FieldRecord>): boolean {
  const field = fields.get(prefix);
  // A parent object is not itself a leaf record: treat it as optional unless a required leaf says otherwise.
  if (!field) return true;
  return !field.required || field.nullable === true;
}

function mayBeAbsent(path: string, fields: ReadonlyMap<string, FieldRecord>): boolean {
  const field = fields.get(path);
  return !field?.required || field.nullable === true || path.includes(".") || path.includes("[]");
}

export function expressionFor(input: ExpressionInput): { expression: string; note?: string } {
  const { target, sourceFields } = input;
  const sources = Array.isArray(input.source) ? input.source : [input.source];
  const first = sources[0]!;
  const value = accessor(first, sourceFields);
  const targetType = baseType(target.type);
  const fallback = (expr: string) =>
    mayBeAbsent(first, sourceFields) && ZERO[targetType] && !target.nullable ? `${expr} ?? ${ZERO[targetType]}` : expr;
  const receiver = (expr: string) => (expr.includes("??") ? `(${expr})` : expr);
  const steps = input.conversion.split("+");

  if (steps.includes("concat") || steps.includes("template") || sources.length > 1) {
    const parts = sources.map((s) => `\${${accessor(s, sourceFields)} ?? ""}`);
    return { expression: `\`${parts.join(" ")}\`` };
  }
  if (steps.includes("enum_map")) {
    const sourceValues = (sourceFields.get(first)?.enum ?? []).map(String);
    const targetValues = (target.enum ?? []).map(String);
    const entries: Record<string, string> = {};
    for (const s of sourceValues) {
      const match = targetValues.find((t) => t.toLowerCase() === s.toLowerCase());
      if (match) entries[s] = match;
    }
    const name = input.table(
      `${target.path.replace(/\W+/g, "_").toUpperCase()}_BY_${first.replace(/\W+/g, "_").toUpperCase()}`,
      entries,
    );
    const unmapped = sourceValues.filter((s) => !(s in entries));
    return {
      expression: `lookup(${name}, ${value})`,
      ...(unmapped.length > 0 ? { note: `no target value for ${unmapped.join(", ")}: complete ${name}` } : {}),
    };
  }
  if (steps.includes("major_to_minor")) return { expression: `cents(${fallback(value)})` };
  if (steps.includes("minor_to_major")) {
    const text = `fromCents(${fallback(value)})`;
    return { expression: targetType === "string" ? text : `parseNumber(${text})` };
  }
  if (steps.includes("unix_to_iso_datetime"))
    return { expression: `date.format(date.fromUnix(${fallback(value)}), "iso")` };
  if (steps.includes("unix_to_date"))
    return { expression: `date.format(date.fromUnix(${fallback(value)}), "yyyy-MM-dd")` };
  if (steps.includes("datetime_to_date"))
    return { expression: `date.format(date.parse(${fallback(value)}, "iso"), "yyyy-MM-dd")` };
  if (steps.includes("lowercase")) return { expression: `${receiver(fallback(value))}.toLowerCase()` };
  if (steps.includes("uppercase")) return { expression: `${receiver(fallback(value))}.toUpperCase()` };
  if (target.format === "email" || /(^|_)e?mail$/i.test(target.path))
    return { expression: `${receiver(fallback(value))}.trim().toLowerCase()` };
  const sourceType = baseType(sourceFields.get(first)?.type ?? targetType);
  if (steps.includes("cast") || sourceType !== targetType) {
    if (targetType === "string" && sourceType !== "string") return { expression: `String(${fallback(value)})` };
    if ((targetType === "number" || targetType === "integer") && sourceType === "string")
      return { expression: `parseNumber(${fallback(value)})` };
  }
  return { expression: fallback(value) };
}
