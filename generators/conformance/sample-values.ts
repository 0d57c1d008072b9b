import type { SchemaNode, Spec } from "../../runtime/contract/spec.js";
import { propertiesOf, requiredOf } from "../../runtime/contract/operation.js";
import { isMsDate } from "../openapi/normalize-schema.js";

/** What a value is generated from: a seeded source and the record's position (ids stay unique with it). */
export interface SampleContext {
  random: () => number;
  /** 1-based position of the record being made: id-like fields carry it. */
  index: number;
}

const BASE_TIME = Date.parse("2024-01-01T00:00:00Z");
/**
 * Past this depth a sample stops growing: optional fields are left out, arrays get their fewest items
 * and nullable values are null, so recursive schemas (PocketSmith's category `children`) end in valid
 * values. Cutting a required value to null there made pages the spec refuses (Stripe's
 * `…/discount/coupon/created must be integer`).
 */
const MAX_DEPTH = 6;
/** A schema that still requires deeper values here is recursive without end: null, as nothing valid exists. */
const HARD_DEPTH = 48;

/**
 * A value valid against `schema` (OpenAPI 3.0/3.1 or JSON Schema), deterministic for a seed. Strings
 * come from the schema's examples when it gives some (digits varied, so ids differ and patterns
 * still hold), else from their format, else from the field's name.
 */
export function sampleValue(spec: Spec, schema: unknown, ctx: SampleContext, name = "value", depth = 0): unknown {
  const node = spec.deref(schema);
  if (!node || depth > HARD_DEPTH) return null;
  if (node.const !== undefined) return node.const;
  const types = Array.isArray(node.type) ? (node.type as string[]) : node.type ? [String(node.type)] : [];
  const nullable = node.nullable === true || types.includes("null");
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    // `enum: [approved, null]` on a `type: string` that is not nullable (Bitbucket's participant state):
    // the type refuses the null the list offers, so the sample keeps to the other values.
    const allowed = nullable || types.length === 0 ? node.enum : node.enum.filter((value) => value !== null);
    return pick(allowed.length > 0 ? allowed : node.enum, ctx);
  }
  if (nullable && (depth > MAX_DEPTH || ctx.random() < 0.15)) return null;
  const choice = (node.oneOf ?? node.anyOf) as unknown[] | undefined;
  if (Array.isArray(choice) && choice.length > 0) return sampleValue(spec, choice[0], ctx, name, depth + 1);
  // `allOf: [{ $ref: SomeEnum }]` with nullable or readOnly beside it (GSM Tasks, Stripe): the value is
  // the member's, not an object.
  const scalar = concreteTypeless(node) ? scalarMember(spec, node.allOf) : undefined;
  if (scalar !== undefined) return sampleValue(spec, scalar, ctx, name, depth + 1);
  const concrete = types.filter((t) => t !== "null");
  const type = concrete[0] ?? (node.properties || node.allOf ? "object" : node.items ? "array" : "string");
  switch (type) {
    case "object":
      return sampleObject(spec, node, ctx, depth);
    case "array": {
      const min = Number(node.minItems ?? 0);
      const max = depth > MAX_DEPTH ? min : Math.min(Number(node.maxItems ?? min + 3), min + 3);
      const length = min + Math.floor(ctx.random() * (max - min + 1));
      return Array.from({ length }, () => sampleValue(spec, node.items, ctx, name, depth + 1));
    }
    case "integer":
    case "number":
      return sampleNumber(node, ctx, type === "integer");
    case "boolean":
      return ctx.random() < 0.5;
    default:
      return sampleString(node, ctx, name);
  }
}

function concreteTypeless(node: SchemaNode): boolean {
  return node.type === undefined && node.properties === undefined && Array.isArray(node.allOf);
}

/** The first `allOf` member that is not an object (an enum, a string, a number), if any. */
function scalarMember(spec: Spec, members: unknown): unknown {
  for (const member of members as unknown[]) {
    const resolved = spec.deref(member);
    if (!resolved) continue;
    const type = Array.isArray(resolved.type) ? resolved.type.find((t) => t !== "null") : resolved.type;
    if (Array.isArray(resolved.enum) || (type !== undefined && type !== "object")) return member;
    if (concreteTypeless(resolved)) {
      const inner = scalarMember(spec, resolved.allOf);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

function sampleObject(spec: Spec, node: SchemaNode, ctx: SampleContext, depth: number): Record<string, unknown> {
  const required = new Set(requiredOf(spec, node));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(propertiesOf(spec, node))) {
    // Optional fields are left out now and then (always past MAX_DEPTH): a connector must cope with their absence.
    if (!required.has(key) && (depth >= MAX_DEPTH || ctx.random() < 0.2)) continue;
    out[key] = sampleValue(spec, child, ctx, key, depth + 1);
  }
  return out;
}

function sampleNumber(node: SchemaNode, ctx: SampleContext, integer: boolean): number {
  const min = typeof node.minimum === "number" ? node.minimum : 0;
  const max = typeof node.maximum === "number" ? node.maximum : min + 10_000;
  const value = min + ctx.random() * (max - min);
  return integer ? Math.floor(value) : Math.round(value * 100) / 100;
}

function sampleString(node: SchemaNode, ctx: SampleContext, name: string): string {
  const pattern = typeof node.pattern === "string" ? new RegExp(node.pattern, "u") : undefined;
  const examples = [...(Array.isArray(node.examples) ? node.examples : []), node.example].filter(
    (e): e is string => typeof e === "string",
  );
  const format = typeof node.format === "string" ? node.format : "";
  // The generator reads such a string as a Microsoft JSON date (Xero's x-is-msdate) and parses it: a
  // sample named after the field would send every record to the dead letters.
  if (isMsDate(node, node.example ?? examples[0])) return `/Date(${sampleInstant(ctx).getTime()}+0000)/`;
  // Dates and ids made from their format: digits varied at random would make impossible dates.
  if (examples.length > 0 && !["date-time", "date", "uuid"].includes(format)) {
    const example = pick(examples, ctx);
    const varied = variedDigits(example, name, ctx);
    return pattern && !pattern.test(varied) ? example : varied;
  }
  const instant = sampleInstant(ctx);
  const formatted: Record<string, string> = {
    "date-time": instant.toISOString().replace(".000Z", "Z"),
    date: instant.toISOString().slice(0, 10),
    email: `${name.replace(/[^a-z0-9]/gi, "") || "user"}.${ctx.index}@example.com`,
    uuid: `00000000-0000-4000-8000-${String(ctx.index).padStart(12, "0")}`,
    uri: `https://example.com/${name}/${ctx.index}`,
  };
  const min = Number(node.minLength ?? 0);
  const max = Number(node.maxLength ?? Number.POSITIVE_INFINITY);
  const fitLength = (text: string) => text.padEnd(min, "x").slice(0, max);
  const text = fitLength(formatted[format] ?? `${name}-${ctx.index}`);
  if (!pattern || pattern.test(text)) return text;
  // A pattern and no example (Bitbucket's commit hash `[0-9a-f]{7,}?`): the first of a few plain shapes it takes.
  const index = String(ctx.index);
  const shapes = [
    index.padStart(8, "0"),
    `${index.padStart(7, "0")}abcdef`,
    `a${index}`,
    `A${index}`,
    `${name}${index}`,
  ];
  return shapes.map(fitLength).find((candidate) => pattern.test(candidate)) ?? text;
}

function sampleInstant(ctx: SampleContext): Date {
  return new Date(BASE_TIME + Math.floor(ctx.random() * 365 * 86_400) * 1000);
}

/** `cus_000001` → `cus_000042` for the 42nd record of an id field; other digits drawn at random. */
function variedDigits(example: string, name: string, ctx: SampleContext): string {
  if (/(^|_)id$|Id$/.test(name)) {
    const match = /(\d+)(?!.*\d)/.exec(example);
    if (match) {
      const digits = String(ctx.index).padStart(match[1]!.length, "0");
      return example.slice(0, match.index) + digits + example.slice(match.index + match[1]!.length);
    }
  }
  return example.replace(/\d/g, () => String(Math.floor(ctx.random() * 10)));
}

function pick<T>(values: readonly T[], ctx: SampleContext): T {
  return values[Math.floor(ctx.random() * values.length)]!;
}
